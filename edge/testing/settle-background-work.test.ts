// The end-of-file settle step: it waits for real queue deliveries and leaves no alarm behind.
import { createMessageBatch, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { ADMIN, call } from '../api/api.fixtures'
import worker from '../index'
import { queueWork, queueWorkOutstanding } from './queue-work'
import { settleBackgroundWork } from './settle-background-work'

describe('settleBackgroundWork', () => {
  it('returns only once a message sent through the Worker has been delivered and handled', async () => {
    const before = { ...queueWork() }
    const sent = await call('POST', '/v1/health/probes', { token: ADMIN, body: { note: 'settle' } })
    expect(sent.status, sent.text).toBe(202)
    const { probeId } = sent.body as { probeId: string }
    // The local broker holds a message for max_batch_timeout (1 s), so it is still outstanding here.
    expect(queueWork().sent).toBe(before.sent + 1)
    expect(queueWorkOutstanding()).toBe(1)

    await settleBackgroundWork()

    expect(queueWorkOutstanding()).toBe(0)
    expect(queueWork().delivered).toBe(before.delivered + 1)
    const status = await call('GET', `/v1/health/probes/${probeId}`)
    expect(status.body).toMatchObject({ probeId, delivered: true, deliveries: 1 })
  }, 30_000)

  it('does not count a batch a test hands to the queue handler itself', async () => {
    const before = { ...queueWork() }
    const batch = createMessageBatch('fye-events', [
      {
        id: 'settle-1',
        timestamp: new Date(),
        attempts: 1,
        body: { type: 'health.probe', id: crypto.randomUUID(), sentAt: new Date().toISOString() },
      },
    ])
    await worker.queue(batch, env)
    expect(queueWork()).toEqual(before)
  })

  it('deletes the alarms the file left scheduled', async () => {
    const ledger = env.HEALTH_LEDGER.getByName(`settle-${crypto.randomUUID()}`)
    await runInDurableObject(ledger, (_object, state) => state.storage.setAlarm(Date.now() + 3_600_000))

    await settleBackgroundWork()

    expect(await runInDurableObject(ledger, (_object, state) => state.storage.getAlarm())).toBeNull()
  }, 30_000)
})
