// Schemas of follow requests to protected accounts (/v1/users/{id}/follow-requests…) and of the follow
// answer that reports a pending request.
import { z } from 'zod'
import { idSchema } from './common.ts'
import { nextCursorSchema, PAGE_SIZES, pageQuery } from './pagination.ts'
import { relationChangeSchema } from './users.ts'

/** PUT /v1/users/{id}/following/{targetId}: `pending` when the target is protected and has not answered. */
export const followChangeSchema = relationChangeSchema.extend({
  pending: z
    .boolean()
    .meta({ description: 'A request awaiting the protected account owner; not a follow until approved.' }),
})

export const followRequestParams = z.strictObject({ id: idSchema, requesterId: idSchema })

/** Newest first, then by id; positions are [at, requesterId]. */
export const followRequestsQuery = pageQuery(
  'follow-requests',
  z.tuple([z.number().int().min(0), idSchema]),
  PAGE_SIZES.relations,
)

export const followRequestsSchema = z.object({
  ids: z.array(idSchema),
  /** Epoch ms each request was made, parallel to `ids`. */
  since: z.array(z.number()),
  nextCursor: nextCursorSchema,
})

export const followRequestAnswerSchema = z.object({
  requesterId: idSchema,
  status: z.enum(['approved', 'declined']),
})
