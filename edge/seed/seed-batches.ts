// WorldSeed → API batches: relative times become absolute, posts are clamped inside Thunder's 48 h window
// and ordered oldest first, engagement keys are derived from the seed so a re-run never duplicates, and
// items that the API's schemas would reject are counted and left out (one bad item would fail a batch).
import type { ZodType } from 'zod'
import type { Follow } from '../../shared/types/follow.ts'
import type { WorldSeed } from '../../shared/types/world-seed.ts'
import { definedFields } from '../../shared/util/defined.ts'
import { THUNDER_CAPS } from '../thunder/thunder-caps'

/** Posts are placed at most this old, so they are all in Thunder when seeding ends. */
export const MAX_SEED_POST_AGE_MS = THUNDER_CAPS.retentionMs - 10 * 60 * 1000

export interface SeedBatches {
  accounts: unknown[]
  follows: Follow[]
  posts: unknown[]
  engagements: unknown[]
  invalid: { accounts: number; follows: number; posts: number; engagements: number }
}

interface Schemas {
  account: ZodType
  post: ZodType
  engagement: ZodType
}

function keep<T>(items: readonly T[], schema: ZodType): { ok: T[]; invalid: number } {
  const ok = items.filter((item) => schema.safeParse(item).success)
  return { ok, invalid: items.length - ok.length }
}

/** Distinct followers per account, from the seed's follow graph (self-follows and repeats ignored). */
export function followerCounts(follows: readonly Follow[]): Map<string, number> {
  const pairs = new Set(follows.filter(([a, b]) => a !== b).map(([a, b]) => `${a}>${b}`))
  const counts = new Map<string, number>()
  for (const pair of pairs) {
    const followee = pair.slice(pair.indexOf('>') + 1)
    counts.set(followee, (counts.get(followee) ?? 0) + 1)
  }
  return counts
}

export function toBatches(seed: WorldSeed, now: number, schemas: Schemas): SeedBatches {
  const followers = followerCounts(seed.follows)
  const accounts = keep(
    seed.accounts.map((a) => ({
      id: a.id,
      handle: a.handle,
      displayName: a.displayName,
      protected: a.protected,
      subscriptionTier: a.subscriptionTier,
      nsfw: a.nsfw ?? false,
      createdAt: Math.round(now - a.createdAgoMs),
      followersCount: followers.get(a.id) ?? 0,
    })),
    schemas.account,
  )
  const posts = keep(
    [...seed.posts]
      .sort((a, b) => b.createdAgoMs - a.createdAgoMs)
      .map((p) =>
        definedFields({
          id: p.id,
          authorId: p.authorId,
          text: p.text,
          createdAt: Math.round(now - Math.min(Math.max(p.createdAgoMs, 0), MAX_SEED_POST_AGE_MS)),
          replyToId: p.replyToId,
          quoteOfId: p.quoteOfId,
          repostOfId: p.repostOfId,
          media: p.media,
          subscriberOnly: p.subscriberOnly,
          language: p.language,
          counts: p.counts,
        }),
      ),
    schemas.post,
  )
  const engagements = keep(
    seed.engagements
      .map((e, i) =>
        definedFields({
          userId: e.userId,
          postId: e.postId,
          action: e.action,
          at: Math.round(now - Math.max(e.agoMs, 0)),
          dwellMs: e.dwellMs === undefined ? undefined : Math.round(e.dwellMs),
          key: `seed:${seed.worldSeed}:${i}`,
        }),
      )
      // Grouped by user, so a batch touches few user objects (keys keep them idempotent in any order).
      .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)),
    schemas.engagement,
  )
  // Grouped by follower, so a batch touches few follower objects.
  const follows = seed.follows.filter(([a, b]) => a !== b).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return {
    accounts: accounts.ok,
    follows,
    posts: posts.ok,
    engagements: engagements.ok,
    invalid: {
      accounts: accounts.invalid,
      follows: seed.follows.length - follows.length,
      posts: posts.invalid,
      engagements: engagements.invalid,
    },
  }
}

/** Handles worth logging in as: the accounts that follow the most others. */
export function demoHandles(seed: WorldSeed, count = 2): string[] {
  const following = new Map<string, number>()
  for (const [follower] of seed.follows) following.set(follower, (following.get(follower) ?? 0) + 1)
  return [...seed.accounts]
    .sort(
      (a, b) => (following.get(b.id) ?? 0) - (following.get(a.id) ?? 0) || a.handle.localeCompare(b.handle),
    )
    .slice(0, count)
    .map((a) => a.handle)
}
