import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { PROBE_RETENTION_MS } from './health-ledger'

// A fresh instance per test keeps rows from other tests (and real queue deliveries) out.
const freshLedger = () => env.HEALTH_LEDGER.getByName(`test-${crypto.randomUUID()}`)

describe('HealthLedger', () => {
  it('creates the probes table on construction', async () => {
    const columns = await runInDurableObject(freshLedger(), (_instance, state) =>
      state.storage.sql
        .exec<{ name: string }>('PRAGMA table_info(probes)')
        .toArray()
        .map((c) => c.name),
    )
    expect(columns).toEqual(['id', 'sent_at', 'received_at', 'deliveries'])
  })

  it('records a redelivered probe once, counting deliveries and keeping the first receivedAt', async () => {
    const id = crypto.randomUUID()
    const sentAt = new Date().toISOString()
    const result = await runInDurableObject(freshLedger(), async (instance, state) => {
      const first = await instance.recordProbe(id, sentAt)
      await new Promise((resolve) => setTimeout(resolve, 5))
      const second = await instance.recordProbe(id, sentAt)
      const rows = state.storage.sql.exec('SELECT * FROM probes WHERE id = ?', id).toArray()
      return { first, second, rowCount: rows.length }
    })
    expect(result.rowCount).toBe(1)
    expect(result.first.deliveries).toBe(1)
    expect(result.second.deliveries).toBe(2)
    expect(result.second.receivedAt).toBe(result.first.receivedAt)
    expect(result.second.sentAt).toBe(sentAt)
  })

  it('returns null for an unknown probe and rejects a malformed id', async () => {
    const stub = freshLedger()
    expect(await stub.getProbe(crypto.randomUUID())).toBeNull()
    await expect(runInDurableObject(stub, (instance) => instance.getProbe("1' OR '1'='1"))).rejects.toThrow(
      /UUID/,
    )
  })

  it('prunes rows older than the retention window on alarm', async () => {
    const stub = freshLedger()
    const oldId = crypto.randomUUID()
    const newId = crypto.randomUUID()
    await stub.recordProbe(oldId, new Date().toISOString())
    await stub.recordProbe(newId, new Date().toISOString())
    await runInDurableObject(stub, (_instance, state) => {
      const aged = Date.now() - PROBE_RETENTION_MS - 1000
      state.storage.sql.exec('UPDATE probes SET received_at = ? WHERE id = ?', aged, oldId)
    })
    expect(await runDurableObjectAlarm(stub)).toBe(true)
    expect(await stub.getProbe(oldId)).toBeNull()
    expect(await stub.getProbe(newId)).not.toBeNull()
    // The survivor keeps an alarm armed so it, too, gets pruned later.
    const alarm = await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm())
    expect(alarm).not.toBeNull()
  })
})
