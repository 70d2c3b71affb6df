// Deterministic synthetic data for the edge benchmarks: authors, posts for the ingest run, the 100k
// Thunder posts (originals, replies, reposts, videos) the fan-out run reads, and the feed benchmark's world.

import type { ThunderPostInput } from '../../shared/types/api/thunder.ts'
import type { SeedAccount, SeedEngagement, SeedPost, WorldSeed } from '../../shared/types/world-seed.ts'
import { seededRandom as rng } from '../../shared/util/seeded-random.ts'
import { IdAllocator } from '../../shared/world/snowflake.ts'

const HOUR = 3_600_000
export const VIEWER_ID = '900000000000000001'

export const authorId = (i: number) => String(100_000_000_000 + i)

export function accounts(count: number, now: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: authorId(i),
    handle: `bench_${i}`,
    displayName: `Bench author ${i}`,
    createdAt: now - 400 * 24 * HOUR,
  }))
}

/** Original posts for the ingest run (through the post store and the queue). */
export function ingestPosts(count: number, authors: number, now: number, idBase: bigint) {
  const random = rng(7)
  return Array.from({ length: count }, (_, i) => ({
    id: String(idBase + BigInt(i)),
    authorId: authorId(Math.floor(random() * authors)),
    text: `bench post ${i}`,
    createdAt: now - Math.floor(random() * 40 * HOUR),
    language: 'en',
  }))
}

/**
 * `total` Thunder posts by `authors` authors within the last 47 h: 70% originals (a tenth with video),
 * 15% replies to a followed author's original, 15% reposts (a tenth of them of the viewer's own posts,
 * which the fetch must drop).
 */
export function thunderPosts(
  total: number,
  authors: number,
  now: number,
  idBase: bigint,
): ThunderPostInput[] {
  const random = rng(11)
  const originals: ThunderPostInput[] = []
  const out: ThunderPostInput[] = []
  for (let i = 0; i < total; i++) {
    const post: ThunderPostInput = {
      postId: String(idBase + BigInt(i)),
      authorId: authorId(i % authors),
      createdAt: now - Math.floor(random() * 47 * HOUR),
      hasVideo: false,
    }
    const kind = random()
    const target = originals[Math.floor(random() * originals.length)]
    if (kind < 0.15 && target !== undefined) {
      post.replyToPostId = target.postId
      post.replyToUserId = target.authorId
      post.conversationId = target.postId
      post.parent = { createdAt: target.createdAt, isOriginal: true }
    } else if (kind < 0.3 && target !== undefined) {
      const own = random() < 0.1
      post.repostOfId = own ? String(idBase - 1n - BigInt(i)) : target.postId
      post.repostOfUserId = own ? VIEWER_ID : target.authorId
      post.source = { hasVideo: own ? false : target.hasVideo, isReply: false }
    } else {
      post.hasVideo = random() < 0.1
      post.conversationId = post.postId
      originals.push(post)
    }
    out.push(post)
  }
  return out
}

// ---- The feed benchmark's world (npm run bench:feed), loaded through the real ingest API ----

const TOPICS = [
  'football league goal match striker transfer',
  'election senate vote policy campaign debate',
  'recipe bread oven garlic pasta dinner',
  'rocket orbit launch telescope planet nasa',
  'guitar album tour concert vinyl drummer',
  'startup funding founder product launch revenue',
  'marathon training pace tempo recovery shoes',
  'painting canvas gallery sketch palette museum',
].map((t) => t.split(' '))
const FILLER = 'the a and to of in is it that this for on with just so really today new my what how'.split(
  ' ',
)
const DISCRETE = ['favorite', 'reply', 'repost', 'click', 'dwell', 'profile_click', 'share'] as const

export interface FeedWorldSize {
  posts: number
  /** Authors in all; the viewer follows the first `follows` of them, the rest are out of network. */
  authors: number
  follows: number
  /** The viewer's engagements (the ranker's history holds the newest 127 posts). */
  engagements: number
}

const topicOf = (author: number) => author % TOPICS.length
const PUBLIC = { protected: false, subscriptionTier: 'none' } as const

function text(random: () => number, topic: number): string {
  const words = TOPICS[topic] ?? []
  const n = 8 + Math.floor(random() * 14)
  return Array.from({ length: n }, () => {
    const pool = random() < 0.45 ? words : FILLER
    return pool[Math.floor(random() * pool.length)]
  }).join(' ')
}

/**
 * A WorldSeed for edge/seed's loader: `posts` posts over the last 47 h with snowflake ids in time order
 * (70% originals with text on the author's topic, a tenth of them with video; 15% replies and 15% reposts
 * of earlier originals), follows viewer → authors 0..follows-1 (a sixth of them follow back), and the
 * viewer's engagements, mostly on two topics.
 */
export function feedWorldSeed(size: FeedWorldSize, now: number): WorldSeed {
  const random = rng(23)
  const ids = new IdAllocator()
  const accountsOut: SeedAccount[] = [
    {
      ...PUBLIC,
      id: VIEWER_ID,
      handle: 'bench_viewer',
      displayName: 'Viewer',
      createdAgoMs: 400 * 24 * HOUR,
    },
    ...Array.from({ length: size.authors }, (_, i) => ({
      ...PUBLIC,
      id: authorId(i),
      handle: `bench_${i}`,
      displayName: `Bench author ${i}`,
      createdAgoMs: (30 + (i % 700)) * 24 * HOUR,
    })),
  ]
  const follows: [string, string][] = []
  for (let i = 0; i < size.follows; i++) {
    follows.push([VIEWER_ID, authorId(i)])
    if (i % 6 === 0) follows.push([authorId(i), VIEWER_ID])
  }
  const posts: SeedPost[] = []
  const originals: SeedPost[] = []
  /** Originals on the viewer's two favourite topics. */
  const liked: SeedPost[] = []
  for (let i = 0; i < size.posts; i++) {
    const author = Math.floor(random() * size.authors)
    const createdAgoMs = Math.round(47 * HOUR * (1 - (i + random()) / size.posts))
    const counts = {
      favorite: Math.floor(random() ** 3 * 400),
      reply: Math.floor(random() ** 3 * 40),
      repost: Math.floor(random() ** 3 * 60),
      quote: Math.floor(random() ** 4 * 10),
      view: Math.floor(random() ** 2 * 20_000),
    }
    const post: SeedPost = {
      id: ids.next(now - createdAgoMs),
      authorId: authorId(author),
      text: text(random, topicOf(author)),
      createdAgoMs,
      media: [],
      subscriberOnly: false,
      language: 'en',
      counts,
    }
    const kind = random()
    const target = originals[Math.floor(random() * originals.length)]
    if (kind < 0.15 && target !== undefined) post.replyToId = target.id
    else if (kind < 0.3 && target !== undefined) {
      post.repostOfId = target.id
      post.text = ''
    } else {
      if (random() < 0.1) post.media = [{ type: 'video', durationMs: 5_000 + Math.floor(random() * 120_000) }]
      originals.push(post)
      if (topicOf(author) < 2) liked.push(post)
    }
    posts.push(post)
  }
  const engagements: SeedEngagement[] = Array.from({ length: size.engagements }, () => {
    const from = random() < 0.8 && liked.length > 0 ? liked : originals
    const post = from[Math.floor(random() * from.length)]
    const ago = Math.max(0, (post?.createdAgoMs ?? 0) - Math.floor(random() * HOUR))
    const action = DISCRETE[Math.floor(random() * DISCRETE.length)] ?? 'favorite'
    return {
      userId: VIEWER_ID,
      postId: post?.id ?? '',
      action,
      agoMs: ago,
      ...(action === 'dwell' ? { dwellMs: 2_000 + Math.floor(random() * 30_000) } : {}),
    }
  })
  return {
    format: 'for-you-edge/world-seed@1',
    worldSeed: 23,
    accounts: accountsOut,
    follows,
    posts,
    engagements,
  }
}
