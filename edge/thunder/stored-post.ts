// The record a Thunder shard keeps per post (upstream's CompactPost plus the parent facts for the reply
// rule), and how an ingest input becomes one.
import type { ThunderPostInput } from '../../shared/types/api/thunder.ts'

export type PostKind = 'original' | 'reply' | 'repost'

export interface StoredPost {
  postId: string
  authorId: string
  createdAt: number
  kind: PostKind
  replyToPostId?: string
  replyToUserId?: string
  conversationId?: string
  repostOfId?: string
  repostOfUserId?: string
  videoEligible: boolean
  parentCreatedAt?: number
  parentIsOriginal?: boolean
  parentReplyToPostId?: string
}

/** Upstream: is_reply is forced on when either in-reply-to field is set; a repost is never a reply. */
export function toStoredPost(input: ThunderPostInput): StoredPost {
  const kind: PostKind =
    input.repostOfId !== undefined
      ? 'repost'
      : input.replyToPostId !== undefined || input.replyToUserId !== undefined
        ? 'reply'
        : 'original'
  // Replies are never video-eligible; a repost is when its source is a non-reply video.
  const videoEligible =
    kind === 'original'
      ? input.hasVideo
      : kind === 'repost' && input.source !== undefined && input.source.hasVideo && !input.source.isReply
  const post: StoredPost = {
    postId: input.postId,
    authorId: input.authorId,
    createdAt: input.createdAt,
    kind,
    videoEligible,
  }
  if (input.replyToPostId !== undefined) post.replyToPostId = input.replyToPostId
  if (input.replyToUserId !== undefined) post.replyToUserId = input.replyToUserId
  if (input.conversationId !== undefined) post.conversationId = input.conversationId
  if (input.repostOfId !== undefined) post.repostOfId = input.repostOfId
  if (input.repostOfUserId !== undefined) post.repostOfUserId = input.repostOfUserId
  if (input.parent !== undefined) {
    post.parentCreatedAt = input.parent.createdAt
    post.parentIsOriginal = input.parent.isOriginal
    if (input.parent.replyToPostId !== undefined) post.parentReplyToPostId = input.parent.replyToPostId
  }
  return post
}

/** Numeric order of decimal id strings without BigInt: shorter is smaller, then lexicographic. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

/** Newest first: later createdAt, then larger id. */
export function newestFirst(a: StoredPost, b: StoredPost): number {
  return b.createdAt - a.createdAt || compareIds(b.postId, a.postId)
}
