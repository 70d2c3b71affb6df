// Each user's engagement timeline over the post window: one consistent history per user, so every
// session of a user takes a prefix of the same past (and the edge seed's engagements agree with it).
// Each event picks a few recent posts from followed authors or preferred topics and keeps one with
// probability ∝ the positive gate — people engage with what they like.
import { DISCRETE_ACTIONS } from '../phoenix/actions.ts'
import { HOUR_MS, MINUTE_MS } from './config.ts'
import { sampleHistoryLabels } from './labels.ts'
import { sigmoid } from './math.ts'
import { Rng } from './rng.ts'
import { truthInto } from './truth.ts'
import { truthTerms } from './truth-terms.ts'
import { authorRange } from './world.ts'
import type { World, WorldPost } from './world-types.ts'

export interface Timeline {
  posts: Int32Array
  actions: Int32Array
  dwellSeconds: Float64Array
  surfaces: Uint8Array
  times: Float64Array
  /** Post index → engagement time, to keep already-engaged posts out of later candidates. */
  engagedAt: ReadonlyMap<number, number>
}

const HOME_SURFACE = 1
const GALLERY_SURFACE = 10
const OTHER_SURFACES = [0, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15]
const LOOKBACK_MS = 36 * HOUR_MS
const FOLLOW_SHARE = 0.35
const DRAWS_PER_EVENT = 3
/** Timelines start this long after the first posts so there is something to engage with. */
const WARMUP_MS = 6 * HOUR_MS

export function timelineLength(activity: number): number {
  return Math.min(600, Math.max(160, Math.round(150 + 110 * activity)))
}

function surfaceFor(rng: Rng, post: WorldPost): number {
  if (rng.bernoulli(0.85)) return HOME_SURFACE
  return post.media !== 'none' && rng.bernoulli(0.5) ? GALLERY_SURFACE : rng.pick(OTHER_SURFACES)
}

function drawPost(world: World, rng: Rng, viewer: number, t: number): number {
  const following = world.follows.following[viewer]!
  if (following.length > 0 && rng.bernoulli(FOLLOW_SHARE)) {
    const author = following[rng.int(0, following.length - 1)]!
    const [lo, hi] = authorRange(world, author, t - LOOKBACK_MS, t - MINUTE_MS)
    const list = world.indices.byAuthor[author]!
    return hi > lo ? list[rng.int(lo, hi - 1)]! : -1
  }
  const topic = rng.categorical(world.accounts[viewer]!.pref)
  return world.indices.byTopic[topic]!.sample(rng, t - LOOKBACK_MS, t - MINUTE_MS)
}

export function buildTimeline(world: World, viewer: number): Timeline {
  const rng = Rng.derive(world.config.seed, 'timeline', viewer)
  const account = world.accounts[viewer]!
  const n = timelineLength(account.activity)
  const start = world.nowMs - world.config.postWindowHours * HOUR_MS + WARMUP_MS
  const times = Float64Array.from({ length: n }, () =>
    Math.floor(rng.uniform(start, world.nowMs - MINUTE_MS)),
  ).sort()
  // Strictly increasing, so "before the serve time" and history order are unambiguous.
  for (let k = 1; k < n; k++) if (times[k]! <= times[k - 1]!) times[k] = times[k - 1]! + 1
  const engagedAt = new Map<number, number>()
  const posts: number[] = []
  const kept: number[] = []
  const truth = new Float64Array(DISCRETE_ACTIONS.length + 1)
  const tl = { actions: [] as number[], dwell: [] as number[], surfaces: [] as number[] }
  for (const t of times) {
    const options: WorldPost[] = []
    const weights: number[] = []
    for (let d = 0; d < DRAWS_PER_EVENT * 3 && options.length < DRAWS_PER_EVENT; d++) {
      const p = drawPost(world, rng, viewer, t)
      if (p < 0 || engagedAt.has(p)) continue
      const post = world.posts[p]!
      if (post.authorIndex === viewer || post.subscriberOnly) continue
      options.push(post)
      weights.push(sigmoid(truthTerms(world, viewer, post, t).positiveLogit))
    }
    if (options.length === 0) continue
    const post = options[rng.categorical(weights)]!
    const mu = truthInto(world, viewer, post, t, truth)
    const labels = sampleHistoryLabels(rng, truth, mu)
    engagedAt.set(post.index, t)
    posts.push(post.index)
    kept.push(t)
    tl.actions.push(labels.mask)
    tl.dwell.push(labels.dwellSeconds)
    tl.surfaces.push(surfaceFor(rng, post))
  }
  return {
    posts: Int32Array.from(posts),
    actions: Int32Array.from(tl.actions),
    dwellSeconds: Float64Array.from(tl.dwell),
    surfaces: Uint8Array.from(tl.surfaces),
    times: Float64Array.from(kept),
    engagedAt,
  }
}
