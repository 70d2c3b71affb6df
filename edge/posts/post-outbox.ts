// The post store's outbox: every post event (created, deleted) is a row written in the same transaction as
// the post change it announces, and stays until the ingest consumer confirms it was applied to Thunder and
// the retrieval index. The shard's alarm re-sends rows still pending when they fall due. So an event lost
// anywhere between the write and the consumer (a crashed local runtime, a dropped send, a dead letter) is
// sent again, and the consumer's idempotent writes make the repeat harmless.
import { type PostIngestEvent, postIngestEvent } from '../queue/post-events'
import type { SqlSchema } from '../storage/migrate'

export type PostEventType = PostIngestEvent['type']

/** Which event of which post the consumer applied. */
export interface EventConfirmation {
  postId: string
  type: PostEventType
}

export const OUTBOX_SCHEMA: SqlSchema = [
  `CREATE TABLE IF NOT EXISTS outbox (
    post_id TEXT NOT NULL,
    type TEXT NOT NULL,
    event TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    resends INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (post_id, type)
  )`,
  'CREATE INDEX IF NOT EXISTS outbox_due ON outbox (due_at)',
]

/** Re-sends back off by doubling from the first delay, up to this. */
export const MAX_RESEND_DELAY_MS = 3_600_000

type OutboxRow = { post_id: string; type: string; event: string; resends: number }

export interface DueEvent {
  postId: string
  type: PostEventType
  event: PostIngestEvent
  resends: number
}

/** Records `event` as pending (a newer event of the same type and post replaces it). */
export function putEvent(sql: SqlStorage, event: PostIngestEvent, dueAt: number): void {
  const postId = event.type === 'post.created' ? event.post.postId : event.postId
  sql.exec(
    `INSERT INTO outbox (post_id, type, event, due_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (post_id, type) DO UPDATE SET event = excluded.event, due_at = excluded.due_at, resends = 0`,
    postId,
    event.type,
    JSON.stringify(event),
    dueAt,
  )
}

/** Drops a pending event (a delete makes the post's pending create moot: Thunder refuses it anyway). */
export function dropEvent(sql: SqlStorage, postId: string, type: PostEventType): void {
  sql.exec('DELETE FROM outbox WHERE post_id = ? AND type = ?', postId, type)
}

export function isPending(sql: SqlStorage, postId: string, type: PostEventType): boolean {
  return sql.exec('SELECT 1 FROM outbox WHERE post_id = ? AND type = ?', postId, type).toArray().length > 0
}

/** The oldest-due events whose time has come, at most `limit`. */
export function dueEvents(sql: SqlStorage, now: number, limit: number): DueEvent[] {
  return sql
    .exec<OutboxRow>(
      'SELECT post_id, type, event, resends FROM outbox WHERE due_at <= ? ORDER BY due_at LIMIT ?',
      now,
      limit,
    )
    .toArray()
    .map((r) => {
      const event = postIngestEvent.parse(JSON.parse(r.event))
      return { postId: r.post_id, type: event.type, event, resends: r.resends }
    })
}

/** After a re-send: due again after the first delay doubled per earlier re-send, capped. */
export function markResent(
  sql: SqlStorage,
  sent: readonly DueEvent[],
  now: number,
  firstDelayMs: number,
): void {
  for (const e of sent) {
    const delay = Math.min(MAX_RESEND_DELAY_MS, firstDelayMs * 2 ** Math.min(e.resends + 1, 20))
    sql.exec(
      'UPDATE outbox SET due_at = ?, resends = resends + 1 WHERE post_id = ? AND type = ?',
      now + delay,
      e.postId,
      e.type,
    )
  }
}

export function confirmEvents(sql: SqlStorage, confirmations: readonly EventConfirmation[]): void {
  for (const c of confirmations) dropEvent(sql, c.postId, c.type)
}

/** When the next pending event falls due, or undefined when nothing is pending. */
export function nextDueAt(sql: SqlStorage): number | undefined {
  const [row] = sql.exec<{ due: number | null }>('SELECT MIN(due_at) AS due FROM outbox').toArray()
  return row?.due ?? undefined
}

/** Events this shard has sent (or is about to) and the consumer has not confirmed yet. */
export function countPending(sql: SqlStorage): number {
  return sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM outbox').one().n
}

/** The pending events among these post ids. */
export function pendingAmong(sql: SqlStorage, postIds: readonly string[]): EventConfirmation[] {
  const out: EventConfirmation[] = []
  for (const id of postIds) {
    for (const r of sql.exec<{ type: string }>('SELECT type FROM outbox WHERE post_id = ?', id)) {
      if (r.type === 'post.created' || r.type === 'post.deleted') out.push({ postId: id, type: r.type })
    }
  }
  return out
}
