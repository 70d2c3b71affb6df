// The dispatcher's SQLite tables and the counters behind GET /v1/admin/grox/stats.
import type { SqlSchema } from '../../storage/migrate'
import type { ContentCategoryResult, StreamType } from '../core/types'

export const DISPATCHER_SCHEMA: SqlSchema = [
  // One row per task not yet acked: queued (waiting for its stream's turn) or in flight (released to the
  // engine until lease_until). rowid order is arrival order within a stream.
  `CREATE TABLE IF NOT EXISTS tasks (
    payload_id TEXT PRIMARY KEY, stream TEXT NOT NULL, attempt INTEGER NOT NULL, deadline_ms INTEGER NOT NULL,
    message TEXT NOT NULL, state TEXT NOT NULL, lease_until INTEGER, enqueued_at INTEGER NOT NULL)`,
  'CREATE INDEX IF NOT EXISTS tasks_queued ON tasks (state, stream)',
  'CREATE INDEX IF NOT EXISTS tasks_lease ON tasks (state, lease_until)',
  // Acked tasks, so a redelivered source message does not run its tasks again (kept DONE_RETENTION_MS).
  'CREATE TABLE IF NOT EXISTS done (payload_id TEXT PRIMARY KEY, at INTEGER NOT NULL)',
  'CREATE INDEX IF NOT EXISTS done_at ON done (at)',
  `CREATE TABLE IF NOT EXISTS counters (
    scope TEXT NOT NULL, name TEXT NOT NULL, counter TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (scope, name, counter))`,
  `CREATE TABLE IF NOT EXISTS dead (
    payload_id TEXT PRIMARY KEY, stream TEXT NOT NULL, attempt INTEGER NOT NULL, error TEXT NOT NULL,
    message TEXT NOT NULL, at INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS labels (
    id INTEGER PRIMARY KEY AUTOINCREMENT, post_id TEXT NOT NULL, source TEXT NOT NULL, category TEXT NOT NULL,
    score REAL NOT NULL, positive INTEGER NOT NULL, policy TEXT, at INTEGER NOT NULL)`,
  'CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
]

export const DONE_RETENTION_MS = 24 * 3_600_000
export const RECENT_LABELS = 50

export type CounterScope = 'stream' | 'plan' | 'task' | 'dispatcher'

export function bump(sql: SqlStorage, scope: CounterScope, name: string, counter: string, by = 1): void {
  if (by === 0) return
  sql.exec(
    `INSERT INTO counters (scope, name, counter, n) VALUES (?, ?, ?, ?)
     ON CONFLICT (scope, name, counter) DO UPDATE SET n = n + excluded.n`,
    scope,
    name,
    counter,
    by,
  )
}

export function counters(sql: SqlStorage, scope: CounterScope): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {}
  for (const r of sql.exec<{ name: string; counter: string; n: number }>(
    'SELECT name, counter, n FROM counters WHERE scope = ? ORDER BY name, counter',
    scope,
  )) {
    const entry = out[r.name] ?? {}
    entry[r.counter] = r.n
    out[r.name] = entry
  }
  return out
}

export function recordLabels(
  sql: SqlStorage,
  postId: string,
  labels: readonly ContentCategoryResult[],
  at: number,
) {
  for (const l of labels) {
    sql.exec(
      'INSERT INTO labels (post_id, source, category, score, positive, policy, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      postId,
      l.source,
      l.category,
      l.score,
      l.positive ? 1 : 0,
      l.policy ?? null,
      at,
    )
  }
  if (labels.length > 0) {
    sql.exec('DELETE FROM labels WHERE id <= (SELECT MAX(id) FROM labels) - ?', RECENT_LABELS)
  }
}

export interface RecentLabel extends ContentCategoryResult {
  postId: string
  at: number
}

export function recentLabels(sql: SqlStorage): RecentLabel[] {
  return sql
    .exec<{
      post_id: string
      source: string
      category: string
      score: number
      positive: number
      policy: string | null
      at: number
    }>('SELECT * FROM labels ORDER BY id DESC')
    .toArray()
    .map((r) => ({
      postId: r.post_id,
      source: r.source,
      category: r.category,
      score: r.score,
      positive: r.positive === 1,
      ...(r.policy !== null ? { policy: r.policy } : {}),
      at: r.at,
    }))
}

export type TaskRow = {
  payload_id: string
  stream: StreamType
  attempt: number
  deadline_ms: number
  message: string
  state: 'queued' | 'in_flight'
  lease_until: number | null
  enqueued_at: number
}
