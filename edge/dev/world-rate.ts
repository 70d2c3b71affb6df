// npm start's world clock: `--world-rate <posts/min>` (or WORLD_RATE) sets the rate, 0 turns it off. The
// clock's state lives in .wrangler/state, so every start sets it, and an earlier start's rate never lingers.

/** A modest default: a new post every 10 s, each with about four engagements. */
export const DEFAULT_WORLD_RATE = 6
export const MAX_WORLD_RATE = 600

/** The rate from the flag, else the environment, else the default; an error message for anything else. */
export function parseWorldRate(flag: string | undefined, envValue: string | undefined): number | string {
  const raw = flag ?? envValue
  if (raw === undefined || raw === '') return DEFAULT_WORLD_RATE
  const rate = Number(raw)
  const source = flag !== undefined ? '--world-rate' : 'WORLD_RATE'
  if (raw.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > MAX_WORLD_RATE)
    return `${source} must be a number of posts per minute from 0 to ${MAX_WORLD_RATE}, got ${raw}`
  return rate
}

/** Sets the running Worker's world clock; returns the line to print. */
export async function startWorldClock(edgeUrl: string, adminToken: string, rate: number): Promise<string> {
  const res = await fetch(`${edgeUrl}/v1/admin/world-clock`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ enabled: rate > 0, ratePerMinute: rate }),
  })
  if (!res.ok) throw new Error(`world clock: ${res.status} ${(await res.text()).slice(0, 200)}`)
  return rate > 0
    ? `world clock: ${rate} posts/min by the world's users, with their engagements (--world-rate 0 stops it)`
    : 'world clock: off (--world-rate 0)'
}
