// Deterministic synthetic data for the edge benchmark: authors, posts for the ingest run, and the 100k
// Thunder posts (originals, replies, reposts, videos) the fan-out run reads.
import type { ThunderPostInput } from '../../shared/types/api/thunder.ts'
import { seededRandom as rng } from '../../shared/util/seeded-random.ts'

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
