// A post's public engagement counts as they stood at a given moment. assignCounts (popularity.ts) draws
// the counts "as of the world's now", with views ramping up as 1 − exp(−age / 6 h); a candidate served
// earlier must show what the counts were then, not what they became later (that would leak the future
// into the features). Each drawn count is scaled by the share of the ramp reached at that moment, and
// the in-world replies / quotes / reposts count only once they exist. Pure and deterministic.
import type { EngagementCounts } from '../types/post.ts'
import { HOUR_MS } from './config.ts'
import { lowerBound } from './world.ts'
import type { World, WorldPost } from './world-types.ts'

/** Same time constant as assignCounts' view ramp. */
export const COUNT_RAMP_MS = 6 * HOUR_MS

/** Count columns in a session candidate's exported counts, in this order. */
export const SERVED_COUNT_KEYS = ['favorite', 'reply', 'repost', 'quote', 'view'] as const
export type ServedCounts = [number, number, number, number, number]

interface ChildTimes {
  reply: Float64Array[]
  quote: Float64Array[]
  repost: Float64Array[]
}

const childTimesCache = new WeakMap<World, ChildTimes>()

/** Per post, the sorted creation times of the in-world posts replying to, quoting and reposting it. */
function childTimes(world: World): ChildTimes {
  const cached = childTimesCache.get(world)
  if (cached !== undefined) return cached
  const lists = { reply: [] as number[][], quote: [] as number[][], repost: [] as number[][] }
  for (const kind of ['reply', 'quote', 'repost'] as const) lists[kind] = world.posts.map(() => [])
  for (const p of world.posts) {
    if (p.replyTo >= 0) lists.reply[p.replyTo]!.push(p.createdAtMs)
    if (p.quoteOf >= 0) lists.quote[p.quoteOf]!.push(p.createdAtMs)
    if (p.repostOf >= 0) lists.repost[p.repostOf]!.push(p.createdAtMs)
  }
  const sorted = (l: number[][]) => l.map((t) => Float64Array.from(t).sort())
  const out = { reply: sorted(lists.reply), quote: sorted(lists.quote), repost: sorted(lists.repost) }
  childTimesCache.set(world, out)
  return out
}

function ramp(ageMs: number): number {
  return ageMs <= 0 ? 0 : 1 - Math.exp(-ageMs / COUNT_RAMP_MS)
}

/** Share of the counts at the world's now that a post created at `createdAtMs` had reached at `atMs`. */
export function countShare(createdAtMs: number, nowMs: number, atMs: number): number {
  if (atMs >= nowMs) return 1
  const full = ramp(nowMs - createdAtMs)
  return full > 0 ? ramp(atMs - createdAtMs) / full : 0
}

/** Counts of `post` at `atMs` (a repost shows its original's counts, as X's API does). */
export function countsAt(world: World, post: WorldPost, atMs: number): EngagementCounts {
  const source = post.repostOf >= 0 ? world.posts[post.repostOf]! : post
  const c = source.counts
  const share = countShare(source.createdAtMs, world.nowMs, atMs)
  if (share === 1) return { ...c }
  const children = childTimes(world)
  // In-world children created strictly before atMs.
  const existing = (kind: keyof ChildTimes) => lowerBound(children[kind][source.index]!, atMs)
  return {
    favorite: Math.round(c.favorite * share),
    reply: Math.max(existing('reply'), Math.round(c.reply * share)),
    repost: Math.max(existing('repost'), Math.round(c.repost * share)),
    quote: Math.max(existing('quote'), Math.round(c.quote * share)),
    view: Math.round(c.view * share),
  }
}

export function servedCountsRow(c: EngagementCounts): ServedCounts {
  return [c.favorite, c.reply, c.repost, c.quote, c.view]
}

export function servedCountsObject(row: readonly number[]): EngagementCounts {
  const [favorite, reply, repost, quote, view] = row
  return { favorite: favorite!, reply: reply!, repost: repost!, quote: quote!, view: view! }
}
