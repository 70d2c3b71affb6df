// A post as the post store keeps it: the public view plus delete and publish state and the Thunder facts
// that its ingest event carries.
import type { PostView } from '../../shared/types/api/posts.ts'
import type { ThunderPostInput } from '../../shared/types/api/thunder.ts'
import type { EngagementCounts } from '../../shared/types/domain.ts'

export interface PostRecord extends PostView {
  deletedAt?: number
  /** Whether its post.created event has been published (re-ingest publishes the ones that were not). */
  published: boolean
  /** The payload of its post.created event. */
  thunder: ThunderPostInput
}

export type NewPostRecord = Omit<PostRecord, 'deletedAt' | 'published'>

export type CreateStatus = 'created' | 'exists' | 'deleted'

export interface CreateOutcome {
  id: string
  status: CreateStatus
  published: boolean
  thunder: ThunderPostInput
}

export const ZERO_COUNTS: EngagementCounts = Object.freeze({
  favorite: 0,
  reply: 0,
  repost: 0,
  quote: 0,
  view: 0,
})

export interface CountDelta {
  postId: string
  counts: Partial<EngagementCounts>
}

/** The view a client sees: no internal state. */
export function toPostView(r: PostRecord): PostView {
  const view: PostView = {
    id: r.id,
    authorId: r.authorId,
    text: r.text,
    createdAt: r.createdAt,
    conversationId: r.conversationId,
    media: r.media,
    subscriberOnly: r.subscriberOnly,
    language: r.language,
    counts: r.counts,
  }
  if (r.replyToId !== undefined) view.replyToId = r.replyToId
  if (r.replyToUserId !== undefined) view.replyToUserId = r.replyToUserId
  if (r.quoteOfId !== undefined) view.quoteOfId = r.quoteOfId
  if (r.quoteOfUserId !== undefined) view.quoteOfUserId = r.quoteOfUserId
  if (r.repostOfId !== undefined) view.repostOfId = r.repostOfId
  if (r.repostOfUserId !== undefined) view.repostOfUserId = r.repostOfUserId
  return view
}
