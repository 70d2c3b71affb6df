// Request and response schemas for /v1/health.
import { z } from 'zod'

export const healthResponse = z.object({
  ok: z.literal(true),
  service: z.string(),
  environment: z.string(),
  /** Server time, epoch ms (every time in the API is epoch ms). */
  time: z.number().int(),
  version: z.string(),
})

export const probeBody = z.strictObject({ note: z.string().max(200).optional() })
export const probeParams = z.strictObject({ id: z.uuid() })

export const probeSentResponse = z.object({ probeId: z.uuid() })

export const probeStatusResponse = z.object({
  probeId: z.uuid(),
  delivered: z.boolean(),
  deliveries: z.number().int(),
  /** First delivery, epoch ms. */
  receivedAt: z.number().int().optional(),
})
