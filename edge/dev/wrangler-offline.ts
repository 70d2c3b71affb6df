// Runs the project's wrangler with nothing leaving the machine: no metrics, no Request.cf fetch, no banner
// (the banner is what asks the npm registry for a newer wrangler).
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..', '..')

export const WRANGLER_OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
} as const

export interface WranglerRun {
  status: number
  output: string
}

/** Runs `wrangler <args>` in the repository root and returns its exit status and combined output. */
export function runWrangler(args: readonly string[], env: Record<string, string> = {}): WranglerRun {
  const result = spawnSync(resolve(ROOT, 'node_modules/.bin/wrangler'), args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env, ...WRANGLER_OFFLINE_ENV, NO_COLOR: '1' },
  })
  if (result.error) throw result.error
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` }
}
