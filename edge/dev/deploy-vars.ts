// The plain-text vars `wrangler deploy --dry-run` says it would ship, and the rule that a deployable
// configuration must not turn on a dev-only route (edge/dev/deploy-check.ts fails on any finding).
import { DEV_ENVIRONMENTS, enablesDevRoutes } from '../dev-environments.ts'

const HIDDEN = '(hidden)'

// wrangler's binding table prints each var as `env.NAME ("value")   Environment Variable`.
const VAR_LINE = /^\s*env\.([A-Za-z_][A-Za-z0-9_]*) \((.*)\)\s+Environment Variable\s*$/gm

/** NAME -> value for every var in a dry-run log; JSON-looking values are decoded (strings print quoted). */
export function deployedVars(log: string): Record<string, string> {
  const vars: Record<string, string> = {}
  for (const [, name = '', shown = ''] of log.matchAll(VAR_LINE)) {
    let value: unknown = shown
    try {
      value = JSON.parse(shown)
    } catch {
      // not JSON: keep the text as printed
    }
    vars[name] = typeof value === 'string' ? value : shown
  }
  return vars
}

/** One line per var that would enable a dev-only route in the deployed Worker; empty when safe. */
export function devOnlyRouteFindings(vars: Readonly<Record<string, string>>): string[] {
  // wrangler prints vars given on its command line (--var) as "(hidden)": unknown is not safe.
  if (vars.ENVIRONMENT === HIDDEN)
    return ['ENVIRONMENT is hidden in the dry run (set with --var?), so the dev-only routes may be on']
  if (!enablesDevRoutes(vars.ENVIRONMENT)) return []
  return [
    `ENVIRONMENT = "${vars.ENVIRONMENT}" would serve POST /v1/auth/dev-login (a token for any user) in production;` +
      ` the deployable value must not be one of ${DEV_ENVIRONMENTS.join(', ')} (local starts set it in .dev.vars)`,
  ]
}
