// An engagement (a user's action on a post), defined once; the API bodies and views, the edge's history
// rows and the world seed derive from `engagementSchema`.
import { z } from 'zod'
import { DISCRETE_ACTIONS } from '../phoenix/actions.ts'
import { epochMsSchema, idSchema } from './api/common.ts'
import { LIMITS } from './api/limits.ts'

export const engagementSchema = z.object({
  userId: idSchema,
  postId: idSchema,
  action: z.enum(DISCRETE_ACTIONS),
  /** Epoch ms. */
  at: epochMsSchema,
  /** Time spent on the post, for `dwell`. */
  dwellMs: z.number().int().min(0).max(LIMITS.dwellMs).optional(),
})
export type Engagement = z.infer<typeof engagementSchema>

/** An engagement inside one user's history (the user is implied). */
export const historyEngagementSchema = engagementSchema.omit({ userId: true })
export type HistoryEngagement = z.infer<typeof historyEngagementSchema>
