// Request and status shapes of the world clock (POST/GET /v1/admin/world-clock).
import { z } from 'zod'

/** Above this the local runtime spends its time on the clock instead of serving the page. */
export const MAX_WORLD_RATE_PER_MINUTE = 600
export const DEFAULT_WORLD_CLOCK_SEED = 20260721

export const worldClockBody = z.strictObject({
  enabled: z.boolean(),
  /** New posts per minute, each with about four engagements. */
  ratePerMinute: z.number().min(0).max(MAX_WORLD_RATE_PER_MINUTE),
  /** The random stream's seed (default: the kept one, or the world's seed). */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
})
export type WorldClockBody = z.infer<typeof worldClockBody>

export const worldClockStatus = z.object({
  enabled: z.boolean(),
  ratePerMinute: z.number(),
  seed: z.number().int(),
  /** Seconds between ticks; each tick creates ratePerMinute × tickSeconds / 60 posts (fractions carry over). */
  tickSeconds: z.number().int(),
  ticks: z.number().int(),
  postsCreated: z.number().int(),
  engagementsCreated: z.number().int(),
  /** Epoch ms of the last tick, or null before the first. */
  lastTickAt: z.number().nullable(),
  /** Post ids the last tick created. */
  lastPostIds: z.array(z.string()),
  /** Epoch ms of the next tick, or null while disabled. */
  nextTickAt: z.number().nullable(),
  /** The last tick's failure, if it failed. */
  lastError: z.string().nullable(),
})
export type WorldClockStatus = z.infer<typeof worldClockStatus>
