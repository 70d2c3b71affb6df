// Candidates for one session: about half in-network (recent posts of followed authors, ∝ √popularity ×
// recency) and the rest out-of-network (70% from the viewer's topics, 30% from anywhere). Posts the
// viewer wrote or already engaged with, and subscriber-only posts, are never candidates.
import { HOUR_MS, MINUTE_MS } from './config.ts'
import type { Rng } from './rng.ts'
import { RECENCY_TAU_MS } from './time-index.ts'
import type { Timeline } from './timeline.ts'
import { authorRange } from './world.ts'
import type { World } from './world-types.ts'

export const MIN_CANDIDATES = 8
export const MAX_CANDIDATES = 64
const CANDIDATE_WINDOW_MS = 24 * HOUR_MS
const TOPICAL_SHARE = 0.7

export interface DrawnCandidate {
  post: number
  inNetwork: boolean
}

function eligible(
  world: World,
  viewer: number,
  timeline: Timeline,
  servedAtMs: number,
  post: number,
): boolean {
  const p = world.posts[post]!
  if (p.authorIndex === viewer || p.subscriberOnly) return false
  const engaged = timeline.engagedAt.get(post)
  return engaged === undefined || engaged >= servedAtMs
}

/** Weighted sample without replacement (Efraimidis–Spirakis keys). */
function weightedTake(rng: Rng, items: number[], weights: number[], k: number): number[] {
  const keyed = items.map((item, i) => ({ item, key: Math.log(rng.next() + 1e-300) / weights[i]! }))
  keyed.sort((a, b) => b.key - a.key || a.item - b.item)
  return keyed.slice(0, k).map((x) => x.item)
}

function inNetworkPool(world: World, viewer: number, timeline: Timeline, servedAtMs: number): number[] {
  const pool: number[] = []
  for (const author of world.follows.following[viewer]!) {
    const [lo, hi] = authorRange(world, author, servedAtMs - CANDIDATE_WINDOW_MS, servedAtMs - MINUTE_MS)
    const list = world.indices.byAuthor[author]!
    for (let i = lo; i < hi; i++) {
      const post = list[i]!
      if (eligible(world, viewer, timeline, servedAtMs, post)) pool.push(post)
    }
  }
  return pool.sort((a, b) => a - b)
}

export function drawCandidates(
  world: World,
  rng: Rng,
  viewer: number,
  timeline: Timeline,
  servedAtMs: number,
): DrawnCandidate[] {
  const n = rng.int(MIN_CANDIDATES, MAX_CANDIDATES)
  const pool = inNetworkPool(world, viewer, timeline, servedAtMs)
  const wantIn = Math.min(pool.length, Math.round(n * rng.uniform(0.4, 0.6)))
  const weights = pool.map((p) => {
    const post = world.posts[p]!
    return Math.sqrt(post.popularity) * Math.exp((post.createdAtMs - servedAtMs) / RECENCY_TAU_MS) + 1e-12
  })
  const chosen = new Set(weightedTake(rng, pool, weights, wantIn))
  const out: DrawnCandidate[] = [...chosen].map((post) => ({ post, inNetwork: true }))

  const account = world.accounts[viewer]!
  const from = servedAtMs - CANDIDATE_WINDOW_MS
  const to = servedAtMs - MINUTE_MS
  for (let tries = 0; out.length < n && tries < n * 20; tries++) {
    const index = rng.bernoulli(TOPICAL_SHARE)
      ? world.indices.byTopic[rng.categorical(account.pref)]!
      : world.indices.all
    const post = index.sample(rng, from, to)
    if (post < 0 || chosen.has(post)) continue
    if (world.follows.follows(viewer, world.posts[post]!.authorIndex)) continue
    if (!eligible(world, viewer, timeline, servedAtMs, post)) continue
    chosen.add(post)
    out.push({ post, inNetwork: false })
  }
  // Few recent out-of-network posts (tiny worlds): top up from the in-network pool.
  for (const post of pool) {
    if (out.length >= n) break
    if (chosen.has(post)) continue
    chosen.add(post)
    out.push({ post, inNetwork: true })
  }
  return rng.shuffle(out)
}
