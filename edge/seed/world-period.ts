// The seeded world repeats every 48 h, so it never decays. A seed item that is `agoMs` old at the world's
// anchor (the time it was first seeded) recurs at anchor − agoMs + k·PERIOD for k = 0, 1, 2, …; at any
// moment exactly one copy of each post lies inside Thunder's 48 h window, the one whose time is in
// (now − PERIOD, now]. Copy k of a post has a fixed id (the seed's id with its time bits moved k periods on)
// and fixed times, so sending the world "as of now" is idempotent and can be repeated at any time: posts
// already stored answer "existing", and nothing doubles inside the window.
import { SNOWFLAKE_TIME_SHIFT } from '../../shared/util/snowflake.ts'
import { THUNDER_CAPS } from '../thunder/thunder-caps'

/** The world's period: Thunder's retention, so one copy of each post is live at any time. */
export const WORLD_PERIOD_MS = THUNDER_CAPS.retentionMs

/** The copy of an item that is live at `now`: the last k whose time anchor − agoMs + k·PERIOD is ≤ now. */
export function liveCopy(anchor: number, agoMs: number, now: number): number {
  return Math.max(0, Math.floor((now - (anchor - agoMs)) / WORLD_PERIOD_MS))
}

/** The id of copy `k` of a seed post: copy 0 keeps the seed's id; later copies move its time bits on. */
export function copyId(seedId: string, k: number): string {
  if (k === 0) return seedId
  return (BigInt(seedId) + ((BigInt(k) * BigInt(WORLD_PERIOD_MS)) << SNOWFLAKE_TIME_SHIFT)).toString()
}

/** The time of copy `k` of an item `agoMs` old at the anchor. */
export function copyTime(anchor: number, agoMs: number, k: number): number {
  return Math.round(anchor - agoMs + k * WORLD_PERIOD_MS)
}
