// Inside a UserState shard, per user: the durable idempotency keys and the per-(action, post) state of state
// actions, kept apart from the bounded history (user-activity.ts), so an event that left the 512-event
// history still counts once when it is resent.
import type { SqlSchema } from '../storage/migrate'
import { ACTION_RULES, ENGAGEMENT_KEY_RETENTION_MS } from './engagement-rules'
import { type EngagementEntry, insertEngagements } from './user-activity'

export const ENGAGEMENT_STATE_SCHEMA: SqlSchema = [
  // Every key seen in the last 30 days (engagements older than that are refused, so none can recount).
  `CREATE TABLE IF NOT EXISTS engagement_keys (
    user_id TEXT NOT NULL,
    key TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (user_id, key)
  )`,
  'CREATE INDEX IF NOT EXISTS engagement_keys_at ON engagement_keys (at)',
  // State actions in force (favorite, follow_author, …): one row per action and post.
  `CREATE TABLE IF NOT EXISTS engagement_state (
    user_id TEXT NOT NULL,
    action TEXT NOT NULL,
    post_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (user_id, action, post_id)
  )`,
]

const inserted = (cursor: SqlStorageCursor<Record<string, SqlStorageValue>>) => cursor.toArray().length > 0

/** Call inside a transaction. Returns the engagements that were new (history written for them). */
export function recordEngagementBatch(
  sql: SqlStorage,
  userId: string,
  entries: readonly EngagementEntry[],
  now: number,
): EngagementEntry[] {
  // Expired keys of every user in the shard go together: one indexed delete per batch.
  sql.exec('DELETE FROM engagement_keys WHERE at < ?', now - ENGAGEMENT_KEY_RETENTION_MS)
  const fresh = entries.filter((e) => {
    const newKey = inserted(
      sql.exec(
        'INSERT INTO engagement_keys (user_id, key, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING key',
        userId,
        e.key,
        e.at,
      ),
    )
    if (!newKey || ACTION_RULES[e.action].kind !== 'state') return newKey
    return inserted(
      sql.exec(
        `INSERT INTO engagement_state (user_id, action, post_id, at) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING RETURNING post_id`,
        userId,
        e.action,
        e.postId,
        e.at,
      ),
    )
  })
  return insertEngagements(sql, userId, fresh)
}

/** Call inside a transaction. Ends a state (and drops it from the history); true when it was in force. */
export function endEngagementState(sql: SqlStorage, userId: string, action: string, postId: string): boolean {
  const ended = inserted(
    sql.exec(
      'DELETE FROM engagement_state WHERE user_id = ? AND action = ? AND post_id = ? RETURNING post_id',
      userId,
      action,
      postId,
    ),
  )
  if (ended)
    sql.exec(
      'DELETE FROM engagements WHERE user_id = ? AND action = ? AND post_id = ?',
      userId,
      action,
      postId,
    )
  return ended
}
