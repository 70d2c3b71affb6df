// The facts of a new post that its post.created event carries to Thunder: the post's own, and those of
// the post it replies to or reposts (which usually lives on another author's shard).
import type { ThunderPostInput } from '../../shared/types/api/thunder.ts'
import type { Post } from '../../shared/types/post.ts'
import { definedFields } from '../../shared/util/defined.ts'
import type { PostRecord } from './post-record'

const isOriginal = (p: PostRecord) => p.replyToId === undefined && p.repostOfId === undefined

const hasVideo = (p: Post) => p.media.some((m) => m.type === 'video')

export function thunderFacts(r: Post, parent?: PostRecord, source?: PostRecord): ThunderPostInput {
  return definedFields({
    postId: r.id,
    authorId: r.authorId,
    createdAt: r.createdAt,
    replyToPostId: r.replyToId,
    replyToUserId: r.replyToUserId,
    conversationId: r.conversationId,
    repostOfId: r.repostOfId,
    repostOfUserId: r.repostOfUserId,
    hasVideo: hasVideo(r),
    source: source && { hasVideo: hasVideo(source), isReply: source.replyToId !== undefined },
    parent:
      parent &&
      definedFields({
        createdAt: parent.createdAt,
        isOriginal: isOriginal(parent),
        replyToPostId: parent.replyToId,
      }),
  })
}
