// A user's engagement history and served/seen impressions inside its UserState shard.
import { type DiscreteAction, isDiscreteAction } from '../../shared/phoenix/actions.ts'
import { LIMITS } from '../../shared/types/api/limits.ts'
import type { HistoryEngagement } from '../../shared/types/engagement.ts'
import { definedFields } from '../../shared/util/defined.ts'
import { THUNDER_CAPS } from '../thunder/thunder-caps'
import type { EngagementRow } from './user-schema'

/** One engagement on its way into the history; `key` makes a replay idempotent. */
export type EngagementEntry = HistoryEngagement & { key: string }

/** One engagement as the history returns it. */
export type EngagementRecord = HistoryEngagement

function actionOf(s: string): DiscreteAction {
  if (!isDiscreteAction(s)) throw new Error(`corrupt engagement row: action ${s}`)
  return s
}

/** Inserts new engagements (by key) and trims the history to its bound; returns the ones that were new. */
export function insertEngagements(
  sql: SqlStorage,
  userId: string,
  entries: readonly EngagementEntry[],
): EngagementEntry[] {
  // One statement for the batch (rows from a JSON array, in its order, so `seq` follows it): each exec
  // costs the runtime tens of µs, and a seeded user sends hundreds. RETURNING names the rows inserted.
  const rows = entries.map((e) => ({ k: e.key, p: e.postId, a: e.action, t: e.at, d: e.dwellMs ?? null }))
  const inserted = sql
    .exec<{ key: string }>(
      `INSERT INTO engagements (user_id, key, post_id, action, at, dwell_ms)
       SELECT ?, value ->> '$.k', value ->> '$.p', value ->> '$.a', value ->> '$.t', value ->> '$.d'
       FROM json_each(?) WHERE true ORDER BY json_each.key
       ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
      userId,
      JSON.stringify(rows),
    )
    .toArray()
  const insertedKeys = new Set(inserted.map((r) => r.key))
  const added = entries.filter((e) => insertedKeys.has(e.key))
  sql.exec(
    `DELETE FROM engagements WHERE seq IN (
       SELECT seq FROM engagements WHERE user_id = ? ORDER BY at DESC, seq DESC LIMIT -1 OFFSET ?)`,
    userId,
    LIMITS.engagementHistory,
  )
  return added
}

/** Newest first, optionally only those before `before` (epoch ms). */
export function readEngagements(
  sql: SqlStorage,
  userId: string,
  limit: number,
  before?: number,
): EngagementRecord[] {
  const rows = sql
    .exec<EngagementRow>(
      `SELECT post_id, action, at, dwell_ms FROM engagements WHERE user_id = ? AND at < ?
       ORDER BY at DESC, seq DESC LIMIT ?`,
      userId,
      before ?? Number.MAX_SAFE_INTEGER,
      limit,
    )
    .toArray()
  return rows.map((r) =>
    definedFields({
      postId: r.post_id,
      action: actionOf(r.action),
      at: r.at,
      dwellMs: r.dwell_ms ?? undefined,
    }),
  )
}

/** One engagement with its insertion sequence, the tie-break of the history's order. */
export type EngagementPageRow = EngagementRecord & { seq: number }

/**
 * A page of the history in its total order (newest `at` first, then the later insert first), after the
 * engagement at `after` = [at, seq]; up to `limit` rows (pagination asks for one more than it shows).
 */
export function readEngagementPage(
  sql: SqlStorage,
  userId: string,
  limit: number,
  after?: readonly [number, number],
): EngagementPageRow[] {
  const [at, seq] = after ?? [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]
  const rows = sql
    .exec<EngagementRow & { seq: number }>(
      `SELECT seq, post_id, action, at, dwell_ms FROM engagements
       WHERE user_id = ? AND (at < ? OR (at = ? AND seq < ?))
       ORDER BY at DESC, seq DESC LIMIT ?`,
      userId,
      at,
      at,
      seq,
      limit,
    )
    .toArray()
  return rows.map((r) => ({
    ...definedFields({
      postId: r.post_id,
      action: actionOf(r.action),
      at: r.at,
      dwellMs: r.dwell_ms ?? undefined,
    }),
    seq: r.seq,
  }))
}

export type ImpressionKind = 'served' | 'seen'

/** Records impressions (latest time wins) and keeps each kind bounded in count and to 48 h. */
export function insertImpressions(
  sql: SqlStorage,
  userId: string,
  kind: ImpressionKind,
  ids: readonly string[],
  at: number,
  now: number,
) {
  for (const id of ids) {
    sql.exec(
      `INSERT INTO impressions (user_id, kind, post_id, at) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id, kind, post_id) DO UPDATE SET at = MAX(at, excluded.at)`,
      userId,
      kind,
      id,
      at,
    )
  }
  sql.exec(
    'DELETE FROM impressions WHERE user_id = ? AND kind = ? AND at < ?',
    userId,
    kind,
    now - THUNDER_CAPS.retentionMs,
  )
  sql.exec(
    `DELETE FROM impressions WHERE user_id = ? AND kind = ? AND post_id IN (
       SELECT post_id FROM impressions WHERE user_id = ? AND kind = ? ORDER BY at DESC LIMIT -1 OFFSET ?)`,
    userId,
    kind,
    userId,
    kind,
    LIMITS.impressionsPerKind,
  )
}

export function readImpressionIds(sql: SqlStorage, userId: string, since: number): string[] {
  return sql
    .exec<{ post_id: string }>(
      'SELECT DISTINCT post_id FROM impressions WHERE user_id = ? AND at >= ?',
      userId,
      since,
    )
    .toArray()
    .map((r) => r.post_id)
}

export function readImpressionIdsOfKind(
  sql: SqlStorage,
  userId: string,
  kind: ImpressionKind,
  since: number,
): string[] {
  return sql
    .exec<{ post_id: string }>(
      'SELECT post_id FROM impressions WHERE user_id = ? AND kind = ? AND at >= ?',
      userId,
      kind,
      since,
    )
    .toArray()
    .map((r) => r.post_id)
}
