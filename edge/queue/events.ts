import { z } from 'zod'

/** Sent by POST /v1/health/probes; the consumer records it in the HealthLedger. */
export const healthProbeEvent = z.object({
  type: z.literal('health.probe'),
  id: z.uuid(),
  sentAt: z.iso.datetime(),
})

// Discriminated on `type` so later event kinds are one more schema in the list.
export const edgeEvent = z.discriminatedUnion('type', [healthProbeEvent])

export type HealthProbeEvent = z.infer<typeof healthProbeEvent>
export type EdgeEvent = z.infer<typeof edgeEvent>
