// Which ENVIRONMENT values turn on the dev-only routes (POST /v1/auth/dev-login). Imports nothing, so the
// Worker (edge/config.ts) and the Node deploy check (edge/dev/deploy-vars.ts) share the one rule.

export const DEV_ENVIRONMENTS = ['dev', 'local'] as const

/** The deployable default: dev-only routes off. Local starts and the test pool set a dev environment. */
export const DEPLOYED_ENVIRONMENT = 'production'

export function enablesDevRoutes(environment: string | undefined): boolean {
  return (DEV_ENVIRONMENTS as readonly (string | undefined)[]).includes(environment)
}
