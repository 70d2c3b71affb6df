import {
  healthResponse,
  probeBody,
  probeParams,
  probeSentResponse,
  probeStatusResponse,
} from '../../shared/types/api/health.ts'
import { healthLedger } from '../health/health-ledger'
import type { HealthProbeEvent } from '../queue/events'
import { defineRoute, jsonBody, jsonContent, newApi } from './openapi/define-route'

export const SERVICE_NAME = 'for-you-edge'
export const SERVICE_VERSION = '0.1.0'

const health = defineRoute({
  method: 'get',
  path: '/',
  summary: 'Liveness of the Worker itself',
  callers: 'public',
  responses: { 200: jsonContent(healthResponse, 'The service is up') },
})

// Admin-only: every probe writes a queue message and Durable Object state, so it is an operator's tool,
// not something an anonymous caller may multiply. GET /v1/health stays public.
const sendProbe = defineRoute({
  method: 'post',
  path: '/probes',
  summary: 'Deep liveness probe through the events Queue and the ledger Durable Object',
  callers: ['admin'],
  request: { body: jsonBody(probeBody) },
  responses: { 202: jsonContent(probeSentResponse, 'The probe was queued') },
})

const probeStatus = defineRoute({
  method: 'get',
  path: '/probes/{id}',
  summary: 'Whether a probe made it through the Queue',
  callers: 'public',
  request: { params: probeParams },
  responses: { 200: jsonContent(probeStatusResponse, 'Delivery status (unknown ids: not delivered)') },
})

/** Deep liveness probe: exercises the Queue and the SQLite Durable Object, not just the isolate. */
export const healthRoutes = newApi()
  .openapi(health, (c) =>
    c.json(
      {
        ok: true as const,
        service: SERVICE_NAME,
        environment: c.env.ENVIRONMENT,
        time: Date.now(),
        version: SERVICE_VERSION,
      },
      200,
    ),
  )
  .openapi(sendProbe, async (c) => {
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
  .openapi(probeStatus, async (c) => {
    const { id } = c.req.valid('param')
    const record = await healthLedger(c.env).getProbe(id)
    if (record === null) return c.json({ probeId: id, delivered: false, deliveries: 0 }, 200)
    const receivedAt = Date.parse(record.receivedAt)
    return c.json({ probeId: id, delivered: true, deliveries: record.deliveries, receivedAt }, 200)
  })
