import { z } from 'zod'
import { idSchema } from '../../shared/types/api/common.ts'
import { thunderPostInputSchema } from '../../shared/types/api/thunder.ts'

/** Published by the post routes after the core data is written; the consumer inserts into Thunder. */
export const postCreatedEvent = z.object({
  type: z.literal('post.created'),
  post: thunderPostInputSchema,
})

/** Published on delete; the consumer tombstones the post on every Thunder shard. */
export const postDeletedEvent = z.object({
  type: z.literal('post.deleted'),
  postId: idSchema,
  authorId: idSchema,
  deletedAt: z.number().int().min(0),
})

export const postIngestEvent = z.discriminatedUnion('type', [postCreatedEvent, postDeletedEvent])

export type PostCreatedEvent = z.infer<typeof postCreatedEvent>
export type PostDeletedEvent = z.infer<typeof postDeletedEvent>
export type PostIngestEvent = z.infer<typeof postIngestEvent>
