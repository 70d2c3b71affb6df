import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { healthLedger } from '../health/health-ledger'
import worker from '../index'
import { retryDelaySeconds } from './consume-events'

const QUEUE = 'fye-events'

/** Delivers `bodies` as one batch through the Worker's real queue handler. */
async function deliver(bodies: unknown[], attempts = 1) {
  const batch = createMessageBatch(
    QUEUE,
    bodies.map((body, i) => ({ id: `msg-${i}`, timestamp: new Date(), attempts, body })),
  )
  const ctx = createExecutionContext()
  await worker.queue(batch, env)
  return getQueueResult(batch, ctx)
}

const probe = (id = crypto.randomUUID()) => ({ type: 'health.probe', id, sentAt: new Date().toISOString() })

describe('consumeEvents', () => {
  afterEach(() => vi.restoreAllMocks())

  it('acks a valid probe and records it in the ledger', async () => {
    const event = probe()
    const result = await deliver([event])
    expect(result.explicitAcks).toEqual(['msg-0'])
    expect(result.retryMessages).toEqual([])
    const record = await healthLedger(env).getProbe(event.id)
    expect(record).toMatchObject({ probeId: event.id, sentAt: event.sentAt, deliveries: 1 })
  })

  it('acks (never retries) bodies that fail the schema', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const result = await deliver([
      { type: 'health.probe', id: 'not-a-uuid', sentAt: new Date().toISOString() },
      { type: 'unknown.event' },
      'plain string',
    ])
    expect(result.explicitAcks.sort()).toEqual(['msg-0', 'msg-1', 'msg-2'])
    expect(result.retryMessages).toEqual([])
    expect(warn).toHaveBeenCalledTimes(3)
  })

  it('handles a mixed batch message by message', async () => {
    const good = probe()
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const result = await deliver([{ type: 'health.probe' }, good])
    expect(result.explicitAcks.sort()).toEqual(['msg-0', 'msg-1'])
    expect(await healthLedger(env).getProbe(good.id)).not.toBeNull()
  })

  it('keeps one row when the same message is delivered twice', async () => {
    const event = probe()
    await deliver([event])
    const second = await deliver([event], 2)
    expect(second.explicitAcks).toEqual(['msg-0'])
    const record = await healthLedger(env).getProbe(event.id)
    expect(record?.deliveries).toBe(2)
  })

  it('backs off exponentially and caps the retry delay', () => {
    expect([1, 2, 3, 4].map((a) => retryDelaySeconds(a))).toEqual([5, 10, 20, 40])
    expect(retryDelaySeconds(20)).toBe(300)
    expect([1, 2, 3].map((a) => retryDelaySeconds(a, 0))).toEqual([0, 0, 0])
    expect(retryDelaySeconds(3, 2)).toBe(8)
  })
})
