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

/** The first entry of each group whose name `taken` holds, in the entries' order. */
function firstOfEach(
  entries: readonly EngagementEntry[],
  name: (e: EngagementEntry) => string,
  taken: Set<string>,
) {
  return entries.filter((e) => taken.delete(name(e)))
}

const stateName = (e: { action: string; postId: string }) => `${e.action} ${e.postId}`

/**
 * Call inside a transaction. Returns the engagements that were new (history written for them): a key not
 * seen before (the first of the batch's entries with it), and for a state action a state not in force
 * (the first of the batch's entries for that action and post). Each step is one statement over the batch
 * as a JSON array: per-entry statements made this most of a seeded user's write time.
 */
export function recordEngagementBatch(
  sql: SqlStorage,
  userId: string,
  entries: readonly EngagementEntry[],
  now: number,
): EngagementEntry[] {
  // Expired keys of every user in the shard go together: one indexed delete per batch.
  sql.exec('DELETE FROM engagement_keys WHERE at < ?', now - ENGAGEMENT_KEY_RETENTION_MS)
  const newKeys = sql
    .exec<{ key: string }>(
      `INSERT INTO engagement_keys (user_id, key, at)
       SELECT ?, value ->> '$.k', value ->> '$.t' FROM json_each(?) WHERE true ORDER BY json_each.key
       ON CONFLICT DO NOTHING RETURNING key`,
      userId,
      JSON.stringify(entries.map((e) => ({ k: e.key, t: e.at }))),
    )
    .toArray()
  const keyed = firstOfEach(entries, (e) => e.key, new Set(newKeys.map((r) => r.key)))
  const states = keyed.filter((e) => ACTION_RULES[e.action].kind === 'state')
  const newStates =
    states.length === 0
      ? []
      : sql
          .exec<{ action: string; post_id: string }>(
            `INSERT INTO engagement_state (user_id, action, post_id, at)
             SELECT ?, value ->> '$.a', value ->> '$.p', value ->> '$.t' FROM json_each(?) WHERE true
             ORDER BY json_each.key
             ON CONFLICT DO NOTHING RETURNING action, post_id`,
            userId,
            JSON.stringify(states.map((e) => ({ a: e.action, p: e.postId, t: e.at }))),
          )
          .toArray()
  const stateTaken = new Set(
    firstOfEach(
      states,
      stateName,
      new Set(newStates.map((r) => stateName({ action: r.action, postId: r.post_id }))),
    ),
  )
  const fresh = keyed.filter((e) => ACTION_RULES[e.action].kind !== 'state' || stateTaken.has(e))
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
