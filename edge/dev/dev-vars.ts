// .dev.vars for `wrangler dev`: the local stand-ins for the Worker secrets, and ENVIRONMENT = "dev" (the
// dev-only routes; wrangler.toml ships "production"). .dev.vars overrides [vars] under wrangler dev and is
// never deployed. Values already there are kept (tokens issued earlier stay valid; an ENVIRONMENT someone
// set stays); missing secrets get 32 random bytes, hex-encoded.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'

export const DEV_SECRETS = ['ADMIN_TOKEN', 'TOKEN_SECRET'] as const
export type DevSecret = (typeof DEV_SECRETS)[number]
/** The environment a local start runs in: dev-login on. */
export const LOCAL_ENVIRONMENT = 'dev'
export type DevVar = DevSecret | 'ENVIRONMENT'

const LINE = /^\s*([A-Z_][A-Z0-9_]*)\s*=\s*"?([^"]*)"?\s*$/

/** Reads KEY=value lines (the .dev.vars format); a missing file reads as empty. */
export function readDevVars(path = '.dev.vars'): Record<string, string> {
  if (!existsSync(path)) return {}
  return Object.fromEntries(
    readFileSync(path, 'utf8')
      .split('\n')
      .map((line) => LINE.exec(line))
      .filter((m) => m !== null)
      .map((m) => [m[1] ?? '', m[2] ?? '']),
  )
}

/** The value to keep for `key`, or undefined when a new one must be written. */
function keep(key: DevVar, current: string | undefined): string | undefined {
  if (current === undefined) return undefined
  if (key === 'ENVIRONMENT') return current.length > 0 ? current : undefined
  return current.length >= 32 ? current : undefined
}

/**
 * Makes sure `path` holds every dev secret (at least 32 characters) and an ENVIRONMENT; returns the values
 * and what it added.
 */
export function ensureDevVars(path: string): { values: Record<DevVar, string>; written: DevVar[] } {
  const have = readDevVars(path)
  const written: DevVar[] = []
  const values = {} as Record<DevVar, string>
  for (const key of [...DEV_SECRETS, 'ENVIRONMENT'] as const) {
    const kept = keep(key, have[key])
    if (kept !== undefined) values[key] = kept
    else {
      values[key] = key === 'ENVIRONMENT' ? LOCAL_ENVIRONMENT : randomBytes(32).toString('hex')
      written.push(key)
    }
  }
  if (written.length > 0) {
    const kept = existsSync(path)
      ? readFileSync(path, 'utf8')
          .split('\n')
          .filter((line) => {
            const key = LINE.exec(line)?.[1]
            return line.trim() !== '' && !(key !== undefined && written.includes(key as DevVar))
          })
      : ['# Local settings for `wrangler dev`, written by `npm start`. Never commit this file.']
    const lines = [...kept, ...written.map((k) => `${k}="${values[k]}"`)]
    writeFileSync(path, `${lines.join('\n')}\n`, { mode: 0o600 })
  }
  return { values, written }
}
