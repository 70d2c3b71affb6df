// The record a Thunder shard keeps per post (upstream's CompactPost plus the parent facts for the reply
// rule), and how an ingest input becomes one.
import type { InNetworkKind, InNetworkPost, ThunderPostInput } from '../../shared/types/api/thunder.ts'
import { definedFields } from '../../shared/util/defined.ts'
import { compareIds } from '../../shared/util/snowflake.ts'

export type PostKind = InNetworkKind

type ParentFacts = NonNullable<ThunderPostInput['parent']>

/** The in-network view of a post plus its parent's facts, flattened (the reply rule reads them). */
export type StoredPost = InNetworkPost & {
  parentCreatedAt?: ParentFacts['createdAt']
  parentIsOriginal?: ParentFacts['isOriginal']
  parentReplyToPostId?: ParentFacts['replyToPostId']
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
  return definedFields({
    postId: input.postId,
    authorId: input.authorId,
    createdAt: input.createdAt,
    kind,
    replyToPostId: input.replyToPostId,
    replyToUserId: input.replyToUserId,
    conversationId: input.conversationId,
    repostOfId: input.repostOfId,
    repostOfUserId: input.repostOfUserId,
    videoEligible,
    parentCreatedAt: input.parent?.createdAt,
    parentIsOriginal: input.parent?.isOriginal,
    parentReplyToPostId: input.parent?.replyToPostId,
  })
}

/** Newest first: later createdAt, then larger id. */
export function newestFirst(a: StoredPost, b: StoredPost): number {
  return b.createdAt - a.createdAt || compareIds(b.postId, a.postId)
}
