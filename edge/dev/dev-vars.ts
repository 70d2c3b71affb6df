// .dev.vars for `wrangler dev`: the local stand-ins for the Worker secrets. Values already there are kept
// (tokens issued earlier stay valid); missing ones get 32 random bytes, hex-encoded.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'

export const DEV_SECRETS = ['ADMIN_TOKEN', 'TOKEN_SECRET'] as const
export type DevSecret = (typeof DEV_SECRETS)[number]

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

/** Makes sure `path` holds every dev secret with at least 32 characters; returns them and what it added. */
export function ensureDevVars(path: string): { values: Record<DevSecret, string>; written: DevSecret[] } {
  const have = readDevVars(path)
  const written: DevSecret[] = []
  const values = {} as Record<DevSecret, string>
  for (const key of DEV_SECRETS) {
    const current = have[key]
    if (current !== undefined && current.length >= 32) values[key] = current
    else {
      values[key] = randomBytes(32).toString('hex')
      written.push(key)
    }
  }
  if (written.length > 0) {
    const kept = existsSync(path)
      ? readFileSync(path, 'utf8')
          .split('\n')
          .filter((line) => {
            const key = LINE.exec(line)?.[1]
            return line.trim() !== '' && !(key !== undefined && written.includes(key as DevSecret))
          })
      : ['# Local secrets for `wrangler dev`, written by `npm start`. Never commit this file.']
    const lines = [...kept, ...written.map((k) => `${k}="${values[k]}"`)]
    writeFileSync(path, `${lines.join('\n')}\n`, { mode: 0o600 })
  }
  return { values, written }
}
