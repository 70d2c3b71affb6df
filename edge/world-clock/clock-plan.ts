// What one world-clock tick does, as a pure function of (seed, tick number, quota, the recent posts it
// sees): which synthetic users post what, and who engages with which post. Same inputs, same plan, so a
// world driven from a seed replays identically; the Durable Object only executes the plan.
import type { DiscreteAction } from '../../shared/phoenix/actions.ts'
import { fnv1a32 } from '../../shared/util/fnv1a.ts'
import { seededRandom } from '../../shared/util/seeded-random.ts'

/** A recent post the clock can see: its author is an active user of the world, its text a source of words. */
export interface PoolPost {
  id: string
  authorId: string
  text: string
}

export interface PlannedPost {
  authorId: string
  text: string
  /** A reply to this pool post (by someone else), or an original. */
  replyToId?: string
}

export interface PlannedEngagement {
  userId: string
  postId: string
  action: DiscreteAction
}

export interface TickPlan {
  posts: PlannedPost[]
  engagements: PlannedEngagement[]
}

/** Engagements per new post: the seeded world has ~120k engagements for ~25k posts. */
export const ENGAGEMENTS_PER_POST = 4
/** Share of new posts that reply to a recent post. */
const REPLY_SHARE = 0.2
/** Longest text the clock writes (code points stay far below the API's 1,000). */
const MAX_TEXT_CHARS = 280

/** Positive actions and their weights: mostly light ones, as in the world's own engagement mix. */
const ACTIONS: readonly [DiscreteAction, number][] = [
  ['favorite', 0.45],
  ['click', 0.25],
  ['profile_click', 0.1],
  ['repost', 0.1],
  ['photo_expand', 0.05],
  ['share', 0.05],
]

function pick<T>(rng: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)]
  if (item === undefined) throw new Error('pick from an empty list')
  return item
}

function pickAction(rng: () => number): DiscreteAction {
  let r = rng()
  for (const [action, weight] of ACTIONS) {
    r -= weight
    if (r < 0) return action
  }
  return 'favorite'
}

/** New text from the world's own words: the first half of one recent post and the second half of another. */
function remix(rng: () => number, pool: readonly PoolPost[]): string {
  const words = (p: PoolPost) => p.text.split(/\s+/).filter((w) => w.length > 0)
  const a = words(pick(rng, pool))
  const b = words(pick(rng, pool))
  const text = [...a.slice(0, Math.ceil(a.length / 2)), ...b.slice(Math.floor(b.length / 2))].join(' ')
  const cut = [...text].slice(0, MAX_TEXT_CHARS).join('').trim()
  return cut.length > 0 ? cut : 'still here'
}

/** The tick's random stream: one per (seed, tick), independent of every earlier tick's draws. */
export function tickRandom(seed: number, tick: number): () => number {
  return seededRandom(fnv1a32(`world-clock:${seed}:${tick}`))
}

/**
 * Plans `quota` posts and `quota × ENGAGEMENTS_PER_POST` engagements. The pool is sorted by id first, so the
 * order in which shards answered does not matter. Nobody engages with or replies to their own post.
 */
export function planTick(seed: number, tick: number, quota: number, pool: readonly PoolPost[]): TickPlan {
  const sorted = [...pool].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const authors = [...new Set(sorted.map((p) => p.authorId))].sort()
  if (quota <= 0 || sorted.length === 0) return { posts: [], engagements: [] }
  const rng = tickRandom(seed, tick)
  const posts: PlannedPost[] = []
  for (let i = 0; i < quota; i++) {
    const authorId = pick(rng, authors)
    const text = remix(rng, sorted)
    const parent = rng() < REPLY_SHARE ? pick(rng, sorted) : undefined
    posts.push(
      parent && parent.authorId !== authorId ? { authorId, text, replyToId: parent.id } : { authorId, text },
    )
  }
  const engagements: PlannedEngagement[] = []
  for (let i = 0; i < quota * ENGAGEMENTS_PER_POST; i++) {
    const userId = pick(rng, authors)
    const post = pick(rng, sorted)
    const action = pickAction(rng)
    if (post.authorId !== userId) engagements.push({ userId, postId: post.id, action })
  }
  return { posts, engagements }
}
