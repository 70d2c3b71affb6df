// Grox's admin API (edge/api/admin/grox-routes.ts): the live analysis of one post and the stats the web
// product's Grox monitor reads.
import { z } from 'zod'
import { idSchema } from './common.ts'

const ELIGIBILITIES = [
  'spam_comment',
  'banger_initial_screen',
  'post_embedding_with_summary',
  'post_embedding_with_summary_for_reply',
  'mm_emb_v4',
  'mm_emb_v5',
  'mm_emb_v5_for_reply',
  'reply_ranking',
  'safety_ptos',
  'post_safety',
] as const

export const groxAnalyzeBody = z.strictObject({
  postId: idSchema,
  /** Which plans to run; every plan when left out. */
  eligibilities: z.array(z.enum(ELIGIBILITIES)).min(1).max(ELIGIBILITIES.length).optional(),
})

export const groxLabelSchema = z.object({
  source: z.string(),
  category: z.string(),
  score: z.number(),
  positive: z.boolean(),
  policy: z.string().optional(),
  reason: z.string().optional(),
})

const taskState = z.enum(['success', 'skipped', 'failed', 'not_run'])
export const groxPlanOutcomeSchema = z.object({
  plan: z.string(),
  status: z.enum(['succeeded', 'skipped', 'failed']),
  tasks: z.record(z.string(), taskState),
})

export const groxAnalyzeResponse = z.object({
  postId: idSchema,
  success: z.boolean(),
  error: z.string().optional(),
  reason: z.string(),
  startedAt: z.number(),
  finishedAt: z.number(),
  contentCategories: z.array(groxLabelSchema),
  /** The merged result's embedding (the first plan's), or null. */
  embedding: z.array(z.number()).nullable(),
  plans: z.array(groxPlanOutcomeSchema),
  /** Plans the Worker cannot run (tasks missing from the registry), with why. */
  unavailablePlans: z.array(z.object({ plan: z.string(), error: z.string() })),
})

const count = z.number().int()
export const groxStreamStatsSchema = z.object({
  weight: z.number(),
  maxQps: z.number(),
  queued: count,
  inFlight: count,
  enqueued: count,
  succeeded: count,
  skipped: count,
  expired: count,
  failed: count,
  deadLettered: count,
  redriven: count,
})

export const groxStatsResponse = z.object({
  draining: z.boolean(),
  inFlight: count,
  maxInFlight: count,
  maxAttempts: count,
  streams: z.record(z.string(), groxStreamStatsSchema),
  /** queued / inFlight: tasks of the streams that feed the plan; deadLettered: the plan failed their last attempt. */
  plans: z.record(
    z.string(),
    z.object({
      queued: count,
      inFlight: count,
      succeeded: count,
      skipped: count,
      failed: count,
      deadLettered: count,
    }),
  ),
  tasks: z.record(z.string(), z.record(z.string(), count)),
  staleResults: count,
  deadLetters: count,
  sinks: z.record(z.string(), z.object({ writes: count, refused: count })),
  unavailablePlans: z.array(z.object({ plan: z.string(), error: z.string() })),
  recentLabels: z.array(groxLabelSchema.extend({ postId: idSchema, at: z.number() })),
})

export const groxDrainBody = z.strictObject({ drain: z.boolean() })
export const groxRedriveBody = z.strictObject({ limit: z.number().int().min(1).max(1000).default(100) })

export const groxPostOutputsResponse = z.object({
  postId: idSchema,
  sinks: z.array(z.object({ sink: z.string(), value: z.unknown(), writtenAt: z.number(), refused: count })),
})
