// Builders for Thunder tests: posts relative to a fixed "now", and a fresh shard per test.
import { abortAllDurableObjects } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import type { ThunderPostInput } from '../../shared/types/api/thunder.ts'
import { definedFields } from '../../shared/util/defined.ts'
import type { ShardQuery } from './thunder-fetch'

export const MIN = 60_000
export const HOUR = 60 * MIN
export const VIEWER = '9000'

let nextId = 1_000_000
export const newId = () => String(nextId++)

export function freshShard(name = `test-${crypto.randomUUID()}`) {
  return env.THUNDER_SHARD.getByName(name)
}

/**
 * Restarts the objects (memory gone, storage kept) and returns a new stub for the shard. Every test file has
 * its own workerd in pool-workers 0.15, so this resets only this file's objects. It goes through the runtime's
 * own reset rather than `ctx.abort()` inside a request, which workerd reports as an uncaught exception.
 */
export async function restarted(name: string) {
  await abortAllDurableObjects()
  return freshShard(name)
}

export function original(
  authorId: string,
  createdAt: number,
  extra: Partial<ThunderPostInput> = {},
): ThunderPostInput {
  return { postId: newId(), authorId, createdAt, hasVideo: false, ...extra }
}

/** A reply whose parent facts say the parent is an original (or as given). */
export function reply(
  authorId: string,
  createdAt: number,
  parent: { post: ThunderPostInput; isOriginal?: boolean },
  extra: Partial<ThunderPostInput> = {},
): ThunderPostInput {
  const p = parent.post
  const isOriginal = parent.isOriginal ?? p.replyToPostId === undefined
  return {
    postId: newId(),
    authorId,
    createdAt,
    hasVideo: false,
    replyToPostId: p.postId,
    replyToUserId: p.authorId,
    conversationId: p.conversationId ?? p.postId,
    parent: definedFields({ createdAt: p.createdAt, isOriginal, replyToPostId: p.replyToPostId }),
    ...extra,
  }
}

export function repost(authorId: string, createdAt: number, source: ThunderPostInput): ThunderPostInput {
  return {
    postId: newId(),
    authorId,
    createdAt,
    hasVideo: false,
    repostOfId: source.postId,
    repostOfUserId: source.authorId,
    source: { hasVideo: source.hasVideo, isReply: source.replyToPostId !== undefined },
  }
}

export function query(authorIds: string[], extra: Partial<ShardQuery> = {}): ShardQuery {
  return {
    viewerId: VIEWER,
    authorIds,
    followedIds: authorIds,
    excludeIds: [],
    limit: 1200,
    videosOnly: false,
    ...extra,
  }
}

export const ids = (posts: readonly { postId: string }[]) => posts.map((p) => p.postId)
