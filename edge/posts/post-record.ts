// A post as the post store keeps it: the public view plus delete state and the Thunder facts that its
// ingest event carries (whether that event was applied lives in the store's outbox, post-outbox.ts).
import type { ThunderPostInput } from '../../shared/types/api/thunder.ts'
import { type EngagementCounts, type Post, postSchema } from '../../shared/types/post.ts'
import { pickFields } from '../../shared/util/defined.ts'

export interface PostRecord extends Post {
  deletedAt?: number
  /** The payload of its post.created event. */
  thunder: ThunderPostInput
}

export type NewPostRecord = Omit<PostRecord, 'deletedAt'>

export type CreateStatus = 'created' | 'exists' | 'deleted'

export interface CreateOutcome {
  id: string
  status: CreateStatus
  /** Its post.created event awaits the consumer's confirmation: the caller sends it (again). */
  pending: boolean
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

// The view is exactly the post schema's fields, so internal state added to the record never leaks.
const POST_FIELDS = Object.keys(postSchema.shape) as (keyof Post)[]

/** The view a client sees: no internal state. */
export function toPostView(r: PostRecord): Post {
  return pickFields(r, POST_FIELDS)
}
