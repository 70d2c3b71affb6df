import type { InNetworkPost } from '../../../shared/types/api/thunder.ts'
import type { StoredPost } from '../../thunder/stored-post'

/** The wire form of a Thunder post: its identity and relations, without the parent facts. */
export function toInNetworkPost(p: StoredPost): InNetworkPost {
  const out: InNetworkPost = {
    postId: p.postId,
    authorId: p.authorId,
    createdAt: p.createdAt,
    kind: p.kind,
    videoEligible: p.videoEligible,
  }
  if (p.replyToPostId !== undefined) out.replyToPostId = p.replyToPostId
  if (p.replyToUserId !== undefined) out.replyToUserId = p.replyToUserId
  if (p.conversationId !== undefined) out.conversationId = p.conversationId
  if (p.repostOfId !== undefined) out.repostOfId = p.repostOfId
  if (p.repostOfUserId !== undefined) out.repostOfUserId = p.repostOfUserId
  return out
}
