// What travels on Grox's two queues. `fye-grox` carries source messages from the producers (our Kafka
// topics: one message per post and source); `fye-grox-tasks` carries the tasks the dispatcher releases to
// the engine. Both are validated on receipt: a body that fails cannot succeed on retry.
import { z } from 'zod'
import { idSchema } from '../../../shared/types/api/common.ts'
import { GROX_SOURCES } from '../generators/stream-generators'
import { STREAM_TYPES } from './types'

const categorySchema = z.object({
  source: z.string(),
  category: z.string(),
  score: z.number(),
  positive: z.boolean(),
  policy: z.string().optional(),
  reason: z.string().optional(),
})

/** Prior analysis for the content-analysis schema (recovery re-drives that extend earlier work). */
export const contentAnalysisSchema = z.object({
  postId: idSchema,
  contentCategories: z.array(categorySchema),
  summary: z.string().optional(),
})

export const groxSourceMessageSchema = z.object({
  source: z.enum(GROX_SOURCES),
  postId: idSchema,
  /** Epoch ms the producer sent it; the task deadline counts from here. */
  sentAt: z.number().int().min(0),
  /** Embedding requests may name the model they want (upstream's request schema). */
  model: z.string().optional(),
  analysis: contentAnalysisSchema.optional(),
})
export type GroxSourceMessage = z.infer<typeof groxSourceMessageSchema>

export const groxTaskMessageSchema = z.object({
  payloadId: z.string().min(1),
  stream: z.enum(STREAM_TYPES),
  attempt: z.number().int().min(0),
  deadlineMs: z.number().int().min(0),
  message: groxSourceMessageSchema,
})
export type GroxTaskMessage = z.infer<typeof groxTaskMessageSchema>
