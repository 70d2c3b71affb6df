import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { healthLedger } from '../health/health-ledger'
import type { HealthProbeEvent } from '../queue/events'
import { requireJsonBody, validationHook } from './errors'

export const SERVICE_NAME = 'for-you-edge'
export const SERVICE_VERSION = '0.1.0'

const probeBody = z.object({ note: z.string().max(200).optional() })
const probeParams = z.object({ id: z.uuid() })

/** Deep liveness probe: exercises the Queue and the SQLite Durable Object, not just the isolate. */
export const healthRoutes = new Hono<AppEnv>()
  .get('/', (c) =>
    c.json({
      ok: true,
      service: SERVICE_NAME,
      environment: c.env.ENVIRONMENT,
      time: new Date().toISOString(),
      version: SERVICE_VERSION,
    }),
  )
  .post('/probes', requireJsonBody, zValidator('json', probeBody, validationHook), async (c) => {
    const { note } = c.req.valid('json')
    const event: HealthProbeEvent = {
      type: 'health.probe',
      id: crypto.randomUUID(),
      sentAt: new Date().toISOString(),
    }
    await c.env.EVENTS.send(event)
    console.log(
      JSON.stringify({ msg: 'health probe sent', probeId: event.id, requestId: c.get('requestId'), note }),
    )
    return c.json({ probeId: event.id }, 202)
  })
  .get('/probes/:id', zValidator('param', probeParams, validationHook), async (c) => {
    const { id } = c.req.valid('param')
    const record = await healthLedger(c.env).getProbe(id)
    if (record === null) return c.json({ probeId: id, delivered: false, deliveries: 0 })
    return c.json({
      probeId: id,
      delivered: true,
      deliveries: record.deliveries,
      receivedAt: record.receivedAt,
    })
  })
