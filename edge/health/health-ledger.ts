import { DurableObject } from 'cloudflare:workers'
import type { Env } from '../env'
import { singleton } from '../shards/shard-set'
import { migrateOnStart, type SqlSchema } from '../storage/migrate'

/** Rows older than this are pruned by the alarm; probes are only interesting for a short while. */
export const PROBE_RETENTION_MS = 24 * 60 * 60 * 1000

/** The single ledger instance every Worker talks to. */
export const LEDGER_NAME = 'ledger'

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface ProbeRecord {
  probeId: string
  sentAt: string
  /** First delivery time; redeliveries do not move it. */
  receivedAt: string
  deliveries: number
}

type ProbeRow = { id: string; sent_at: string; received_at: number; deliveries: number }

export function healthLedger(env: Env): DurableObjectStub<HealthLedger> {
  return singleton(env.HEALTH_LEDGER, LEDGER_NAME)
}

const PROBE_SCHEMA: SqlSchema = [
  `CREATE TABLE IF NOT EXISTS probes (
    id TEXT PRIMARY KEY,
    sent_at TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    deliveries INTEGER NOT NULL DEFAULT 1
  )`,
  'CREATE INDEX IF NOT EXISTS probes_received_at ON probes (received_at)',
]

/** Remembers which health probes the queue consumer has seen, so the API can report round trips. */
export class HealthLedger extends DurableObject<Env> {
  private readonly sql = migrateOnStart(this.ctx, PROBE_SCHEMA)

  /** Idempotent: a redelivered message bumps `deliveries` but keeps the first `receivedAt`. */
  async recordProbe(id: string, sentAt: string): Promise<ProbeRecord> {
    assertProbeId(id)
    if (Number.isNaN(Date.parse(sentAt))) throw new TypeError('sentAt must be an ISO timestamp')
    this.sql.exec(
      `INSERT INTO probes (id, sent_at, received_at, deliveries) VALUES (?, ?, ?, 1)
       ON CONFLICT (id) DO UPDATE SET deliveries = deliveries + 1`,
      id,
      sentAt,
      Date.now(),
    )
    if ((await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(Date.now() + PROBE_RETENTION_MS)
    }
    const record = this.getProbe(id)
    if (record === null) throw new Error(`probe ${id} vanished after insert`)
    return record
  }

  getProbe(id: string): ProbeRecord | null {
    assertProbeId(id)
    const rows = this.sql
      .exec<ProbeRow>('SELECT id, sent_at, received_at, deliveries FROM probes WHERE id = ?', id)
      .toArray()
    const row = rows[0]
    if (row === undefined) return null
    return {
      probeId: row.id,
      sentAt: row.sent_at,
      receivedAt: new Date(row.received_at).toISOString(),
      deliveries: row.deliveries,
    }
  }

  /** Drops expired rows, then re-arms for the oldest survivor so the table stays bounded. */
  override async alarm(): Promise<void> {
    const cutoff = Date.now() - PROBE_RETENTION_MS
    this.sql.exec('DELETE FROM probes WHERE received_at < ?', cutoff)
    const oldest = this.sql
      .exec<{ oldest: number | null }>('SELECT MIN(received_at) AS oldest FROM probes')
      .one().oldest
    if (oldest !== null) await this.ctx.storage.setAlarm(oldest + PROBE_RETENTION_MS)
  }
}

function assertProbeId(id: string): void {
  if (!UUID_RE.test(id)) throw new TypeError('probe id must be a UUID')
}
