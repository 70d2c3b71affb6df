// The WorldSeed the edge loads for `npm start`: every account and follow, the posts of the last 48 h
// (times relative to the world's now), and each user's most recent engagements from their timeline.
// Replies, quotes and reposts whose parent or root falls outside the window are left out so the seed
// never points at a post it does not contain.
import { DISCRETE_ACTIONS, DISCRETE_INDEX } from '../phoenix/actions.ts'
import type { Media } from '../types/domain.ts'
import type { SeedAccount, SeedEngagement, SeedPost, WorldSeed } from '../types/world-seed.ts'
import { HOUR_MS } from './config.ts'
import type { SessionSampler } from './sessions.ts'
import { spamPostText } from './spam-text.ts'
import type { World, WorldPost } from './world-types.ts'

export interface SeedOptions {
  windowHours: number
  /** Most recent timeline events per user whose post is in the seed. */
  engagementsPerUser: number
}

export const DEFAULT_SEED_OPTIONS: SeedOptions = { windowHours: 48, engagementsPerUser: 12 }

function media(p: WorldPost): Media[] {
  if (p.media === 'none') return []
  return [p.media === 'video' ? { type: 'video', durationMs: p.videoDurationMs } : { type: p.media }]
}

/** The text the edge sees: a spammy author's own post reads as real spam (spam-text.ts says why). */
export function seedPostText(world: World, p: WorldPost): string {
  const content = p.repostOf >= 0 ? world.posts[p.repostOf]! : p
  if (!world.accounts[content.authorIndex]!.spammy) return p.text
  const parent = content.replyTo >= 0 ? world.posts[content.replyTo]! : undefined
  const text = spamPostText(
    world.config.seed,
    content.id,
    content.topic,
    parent && world.accounts[parent.authorIndex]!.handle,
  )
  return p.repostOf >= 0 ? `RT @${world.accounts[content.authorIndex]!.handle}: ${text}` : text
}

function seedPost(world: World, p: WorldPost): SeedPost {
  const ref = (key: string, i: number) => (i >= 0 ? { [key]: world.posts[i]!.id } : {})
  return {
    id: p.id,
    authorId: world.accounts[p.authorIndex]!.id,
    text: seedPostText(world, p),
    createdAgoMs: world.nowMs - p.createdAtMs,
    ...ref('replyToId', p.replyTo),
    ...ref('quoteOfId', p.quoteOf),
    ...ref('repostOfId', p.repostOf),
    conversationId: world.posts[p.conversation]!.id,
    media: media(p),
    subscriberOnly: p.subscriberOnly,
    language: p.language,
    counts: { ...p.counts },
  }
}

export function seedPostIndices(world: World, windowHours: number): Set<number> {
  const from = world.nowMs - windowHours * HOUR_MS
  const kept = new Set<number>()
  for (const p of world.posts) {
    if (p.createdAtMs < from) continue
    const refs = [p.replyTo, p.quoteOf, p.repostOf, p.conversation].filter((i) => i >= 0 && i !== p.index)
    if (refs.every((i) => kept.has(i))) kept.add(p.index)
  }
  return kept
}

export function buildWorldSeed(
  world: World,
  sampler: SessionSampler,
  opts: SeedOptions = DEFAULT_SEED_OPTIONS,
) {
  const kept = seedPostIndices(world, opts.windowHours)
  const accounts: SeedAccount[] = world.accounts.map((a) => ({
    id: a.id,
    handle: a.handle,
    displayName: a.displayName,
    protected: a.protected,
    subscriptionTier: a.subscriptionTier,
    ...(a.nsfw ? { nsfw: true } : {}),
    createdAgoMs: world.nowMs - a.createdAtMs,
  }))
  const follows: [string, string][] = []
  for (const [u, v] of world.follows.pairs()) follows.push([world.accounts[u]!.id, world.accounts[v]!.id])
  const engagements: SeedEngagement[] = []
  for (const a of world.accounts) {
    const tl = sampler.timeline(a.index)
    const events: number[] = []
    for (let k = tl.posts.length - 1; k >= 0 && events.length < opts.engagementsPerUser; k--) {
      if (kept.has(tl.posts[k]!)) events.push(k)
    }
    for (const k of events.reverse()) {
      const postId = world.posts[tl.posts[k]!]!.id
      const agoMs = world.nowMs - tl.times[k]!
      DISCRETE_ACTIONS.forEach((action, i) => {
        if ((tl.actions[k]! & (1 << i)) === 0) return
        const dwell = i === DISCRETE_INDEX.dwell ? { dwellMs: Math.round(tl.dwellSeconds[k]! * 1000) } : {}
        engagements.push({ userId: a.id, postId, action, agoMs, ...dwell })
      })
    }
  }
  const seed: WorldSeed = {
    format: 'for-you-edge/world-seed@1',
    worldSeed: world.config.seed,
    accounts,
    follows,
    posts: world.posts.filter((p) => kept.has(p.index)).map((p) => seedPost(world, p)),
    engagements,
  }
  return seed
}
