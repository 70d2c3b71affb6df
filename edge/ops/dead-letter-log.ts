import { DurableObject } from 'cloudflare:workers'
import type { Env } from '../env'
import { singleton } from '../shards/shard-set'
import { migrateOnStart, type SqlSchema } from '../storage/migrate'

/** Dead letters are kept this long, then pruned by the alarm. */
export const DEAD_LETTER_RETENTION_MS = 30 * 24 * 60 * 60 * 1000
/** Bodies are stored as JSON, cut to this many characters. */
const MAX_BODY_CHARS = 16_384

export interface DeadLetterInput {
  id: string
  queue: string
  reason: string
  attempts: number
  body: unknown
}

/** As stored and sent over RPC: the body stays JSON text (`unknown` does not cross RPC). */
export interface StoredDeadLetter extends Omit<DeadLetterInput, 'body'> {
  bodyJson: string
  receivedAt: number
}

export interface DeadLetter extends DeadLetterInput {
  receivedAt: number
}

type Row = { id: string; queue: string; reason: string; attempts: number; body: string; received_at: number }

export function deadLetterLog(env: Env): DurableObjectStub<DeadLetterLog> {
  return singleton(env.DEAD_LETTERS, 'dead-letters')
}

/** Newest dead letters with their bodies decoded (after the one at [receivedAt, id], newest first, then id). */
export async function listDeadLetters(
  env: Env,
  limit: number,
  after?: readonly [number, string],
): Promise<{ deadLetters: DeadLetter[]; total: number }> {
  const { deadLetters, total } = await deadLetterLog(env).list(limit, after)
  return {
    deadLetters: deadLetters.map(({ bodyJson, ...rest }) => ({ ...rest, body: decodeBody(bodyJson) })),
    total,
  }
}

function encodeBody(body: unknown): string {
  let json: string
  try {
    json = JSON.stringify(body) ?? 'null'
  } catch {
    json = JSON.stringify(String(body))
  }
  return json.length > MAX_BODY_CHARS ? JSON.stringify({ truncated: json.slice(0, MAX_BODY_CHARS) }) : json
}

function decodeBody(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

const DEAD_LETTER_SCHEMA: SqlSchema = [
  `CREATE TABLE IF NOT EXISTS dead_letters (
    id TEXT PRIMARY KEY,
    queue TEXT NOT NULL,
    reason TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    body TEXT NOT NULL,
    received_at INTEGER NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS dead_letters_received ON dead_letters (received_at)',
]

/** Messages no consumer could process, kept for operators (GET /v1/admin/dead-letters). */
export class DeadLetterLog extends DurableObject<Env> {
  private readonly sql = migrateOnStart(this.ctx, DEAD_LETTER_SCHEMA)

  /** Idempotent per message id: a redelivered dead letter is stored once. */
  async record(entries: readonly DeadLetterInput[]): Promise<number> {
    const now = Date.now()
    let added = 0
    this.ctx.storage.transactionSync(() => {
      for (const e of entries) {
        added += this.sql
          .exec(
            `INSERT INTO dead_letters (id, queue, reason, attempts, body, received_at)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING id`,
            e.id,
            e.queue,
            e.reason.slice(0, 500),
            e.attempts,
            encodeBody(e.body),
            now,
          )
          .toArray().length
      }
    })
    if ((await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(now + DEAD_LETTER_RETENTION_MS)
    }
    return added
  }

  list(limit: number, after?: readonly [number, string]): { deadLetters: StoredDeadLetter[]; total: number } {
    const [at, id] = after ?? [Number.MAX_SAFE_INTEGER, '']
    const rows = this.sql
      .exec<Row>(
        `SELECT * FROM dead_letters WHERE received_at < ? OR (received_at = ? AND id > ?)
         ORDER BY received_at DESC, id LIMIT ?`,
        at,
        at,
        id,
        limit,
      )
      .toArray()
    const total = this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM dead_letters').one().n
    return {
      deadLetters: rows.map((r) => ({
        id: r.id,
        queue: r.queue,
        reason: r.reason,
        attempts: r.attempts,
        bodyJson: r.body,
        receivedAt: r.received_at,
      })),
      total,
    }
  }

  override async alarm(): Promise<void> {
    this.sql.exec('DELETE FROM dead_letters WHERE received_at < ?', Date.now() - DEAD_LETTER_RETENTION_MS)
    const oldest = this.sql
      .exec<{ oldest: number | null }>('SELECT MIN(received_at) AS oldest FROM dead_letters')
      .one().oldest
    if (oldest !== null) await this.ctx.storage.setAlarm(oldest + DEAD_LETTER_RETENTION_MS)
  }
}
