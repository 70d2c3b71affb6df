// WorldSeed → API batches: relative times become absolute, posts are clamped inside Thunder's 48 h window
// and ordered oldest first, engagement keys are derived from the seed so a re-run never duplicates, and
// items that the API's schemas would reject are counted and left out (one bad item would fail a batch).
// Times are relative to the world's anchor (when it was first seeded) and repeat every 48 h
// (world-period.ts): posts and engagements are the copies live at `now`.
import type { ZodType } from 'zod'
import type { Follow } from '../../shared/types/follow.ts'
import type { WorldSeed } from '../../shared/types/world-seed.ts'
import { definedFields } from '../../shared/util/defined.ts'
import { THUNDER_CAPS } from '../thunder/thunder-caps'
import { copyId, copyTime, liveCopy } from './world-period'

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

/**
 * The batches that bring the world up to `now`. `anchor` (default `now`) is when this world was first
 * seeded: accounts keep their ages relative to it, and posts and engagements are the copies live at `now`.
 */
export function toBatches(seed: WorldSeed, now: number, schemas: Schemas, anchor = now): SeedBatches {
  // Each post's live copy; a reply, quote or repost points at its target's copy of the same period.
  const copyOf = new Map<string, number>()
  const createdAtOf = new Map<string, number>()
  const authorOf = new Map<string, string>()
  const ref = (id: string | undefined, k: number) => (id === undefined ? undefined : copyId(id, k))
  const posts = keep(
    seed.posts
      .map((p) => {
        const ago = Math.min(Math.max(p.createdAgoMs, 0), MAX_SEED_POST_AGE_MS)
        const k = liveCopy(anchor, ago, now)
        copyOf.set(p.id, k)
        authorOf.set(copyId(p.id, k), p.authorId)
        createdAtOf.set(copyId(p.id, k), copyTime(anchor, ago, k))
        return { p, k, createdAt: copyTime(anchor, ago, k) }
      })
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(({ p, k, createdAt }) =>
        definedFields({
          id: copyId(p.id, k),
          authorId: p.authorId,
          // A repost has no content of its own (the API refuses it); the world's copies the original's.
          text: p.repostOfId === undefined ? p.text : '',
          createdAt,
          replyToId: ref(p.replyToId, k),
          quoteOfId: ref(p.quoteOfId, k),
          repostOfId: ref(p.repostOfId, k),
          media: p.repostOfId === undefined ? p.media : [],
          subscriberOnly: p.subscriberOnly,
          language: p.language,
          counts: p.counts,
        }),
      ),
    schemas.post,
  )
  // An engagement belongs to its post's live copy; one that has not happened yet in that copy waits for a
  // later start. Copy 0 keeps the keys earlier seeders used.
  const engagements = keep(
    seed.engagements
      .map((e, i) => {
        const ago = Math.max(e.agoMs, 0)
        const k = copyOf.get(e.postId) ?? liveCopy(anchor, ago, now)
        return definedFields({
          userId: e.userId,
          postId: copyId(e.postId, k),
          action: e.action,
          // The API refuses an engagement dated before its post; clamped posts moved later.
          at: Math.max(copyTime(anchor, ago, k), createdAtOf.get(copyId(e.postId, k)) ?? 0),
          dwellMs: e.dwellMs === undefined ? undefined : Math.round(e.dwellMs),
          key: k === 0 ? `seed:${seed.worldSeed}:${i}` : `seed:${seed.worldSeed}:${i}:${k}`,
        })
      })
      .filter((e) => e.at <= now)
      // Grouped by user, so a batch touches few user objects (keys keep them idempotent in any order).
      .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)),
    schemas.engagement,
  )
  const graph = seed.follows.filter(([a, b]) => a !== b)
  // Grouped by follower, so a batch touches few follower objects.
  const follows = [...graph, ...authorFollows(seed, graph, engagements.ok, authorOf)].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )
  const followers = followerCounts(follows)
  const accounts = keep(
    seed.accounts.map((a) => ({
      id: a.id,
      handle: a.handle,
      displayName: a.displayName,
      protected: a.protected,
      subscriptionTier: a.subscriptionTier,
      nsfw: a.nsfw ?? false,
      createdAt: Math.round(anchor - a.createdAgoMs),
      followersCount: followers.get(a.id) ?? 0,
    })),
    schemas.account,
  )
  return {
    accounts: accounts.ok,
    follows,
    posts: posts.ok,
    engagements: engagements.ok,
    invalid: {
      accounts: accounts.invalid,
      follows: seed.follows.length - graph.length,
      posts: posts.invalid,
      engagements: engagements.invalid,
    },
  }
}

/**
 * The follows that the world's live follow_author engagements make (engagement-rules.ts): sent with the
 * follower's other follows and counted in the author's followers, so the engagement finds the relation in
 * place. Applied by the engagement alone, each one woke the author's object (a profile check and a follower
 * count write) long after its own chunk, about 3,800 extra object wakes for the default world, each a
 * SQLite open, commit and checkpoint on the local runtime's one thread. Protected authors are left out:
 * there the engagement asks to follow, which the owner answers.
 */
function authorFollows(
  seed: WorldSeed,
  graph: readonly Follow[],
  engagements: readonly unknown[],
  authorOf: ReadonlyMap<string, string>,
): Follow[] {
  const protectedIds = new Set(seed.accounts.filter((a) => a.protected).map((a) => a.id))
  const known = new Set(graph.map(([a, b]) => `${a}>${b}`))
  const out: Follow[] = []
  for (const item of engagements) {
    const e = item as { userId: string; postId: string; action: string }
    const author = authorOf.get(e.postId)
    if (e.action !== 'follow_author' || author === undefined || author === e.userId) continue
    if (protectedIds.has(author) || known.has(`${e.userId}>${author}`)) continue
    known.add(`${e.userId}>${author}`)
    out.push([e.userId, author])
  }
  return out
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
