// Popularity and engagement counts. Popularity is Zipf-like over a rank that favours famous, good
// authors and good posts (upstream: (rank+1)^−1.05); views follow popularity and age; counts per view
// follow post quality (upstream's rates × a quality gate), so counts are how a model sees quality.
import { HOUR_MS } from './config.ts'
import type { FollowGraph } from './follow-graph.ts'
import type { Rng } from './rng.ts'
import type { WorldAccount, WorldPost } from './world-types.ts'

const ZIPF_EXPONENT = 1.05
const VIEW_SCALE = 3e6
const RATES = { favorite: 0.03, repost: 0.008, reply: 0.005, quote: 0.002 } as const

export function assignPopularity(
  posts: readonly WorldPost[],
  accounts: readonly WorldAccount[],
  follows: FollowGraph,
  rng: Rng,
): void {
  const scores = posts.map((p) => {
    const author = accounts[p.authorIndex]!
    return (
      0.5 * Math.log1p(follows.followerCount[p.authorIndex]!) +
      2.5 * p.quality +
      (p.media === 'none' ? 0 : 0.3) -
      (author.spammy ? 1.5 : 0) +
      rng.normal()
    )
  })
  const order = posts.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b)
  order.forEach((postIndex, rank) => {
    posts[postIndex]!.popularity = (rank + 1) ** -ZIPF_EXPONENT
  })
}

/** Engagement rate multiplier from quality: 0.1 at q = 0, ~0.55 at q = 0.5, 1.9 at q = 1. */
export function qualityGate(postQuality: number, spammy: boolean): number {
  return (0.1 + 1.8 * postQuality * postQuality) * (spammy ? 0.3 : 1)
}

export function assignCounts(
  posts: readonly WorldPost[],
  accounts: readonly WorldAccount[],
  nowMs: number,
  rng: Rng,
) {
  const inWorld = posts.map(() => ({ reply: 0, quote: 0, repost: 0 }))
  for (const p of posts) {
    if (p.replyTo >= 0) inWorld[p.replyTo]!.reply++
    if (p.quoteOf >= 0) inWorld[p.quoteOf]!.quote++
    if (p.repostOf >= 0) inWorld[p.repostOf]!.repost++
  }
  for (const p of posts) {
    if (p.kind === 'repost') continue
    const ageHours = (nowMs - p.createdAtMs) / HOUR_MS
    const ramp = 1 - Math.exp(-ageHours / 6)
    const reach = p.kind === 'reply' ? 0.3 : 1
    const view = Math.max(8, Math.round(VIEW_SCALE * p.popularity * rng.lognormal(0, 0.4) * ramp * reach))
    const gate = qualityGate(p.quality, accounts[p.authorIndex]!.spammy)
    const draw = (rate: number) => rng.poisson(view * rate * gate * rng.lognormal(0, 0.25))
    const own = inWorld[p.index]!
    p.counts = {
      favorite: Math.max(1, draw(RATES.favorite)),
      reply: Math.max(own.reply, draw(RATES.reply)),
      repost: Math.max(own.repost, draw(RATES.repost)),
      quote: Math.max(own.quote, draw(RATES.quote)),
      view,
    }
  }
  // A repost shows its original's counts (as X's API does).
  for (const p of posts) if (p.repostOf >= 0) p.counts = { ...posts[p.repostOf]!.counts }
}
