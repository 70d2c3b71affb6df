// Incoming follow requests of a protected account, kept with the owner's state: a request is pending
// until the owner approves it (the requester then follows) or declines it, the requester withdraws it, or a
// block between the two removes it.

export const FOLLOW_REQUESTS_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS follow_requests (
    user_id TEXT NOT NULL,
    requester_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (user_id, requester_id)
  )`,
  'CREATE INDEX IF NOT EXISTS follow_requests_at ON follow_requests (user_id, at, requester_id)',
] as const

/** Adds a request to `ownerId`; false when it was already pending. */
export function addFollowRequest(sql: SqlStorage, ownerId: string, requesterId: string, at: number): boolean {
  return (
    sql.exec(
      'INSERT INTO follow_requests (user_id, requester_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      ownerId,
      requesterId,
      at,
    ).rowsWritten > 0
  )
}

/** Removes a request; false when there was none. */
export function deleteFollowRequest(sql: SqlStorage, ownerId: string, requesterId: string): boolean {
  return (
    sql.exec('DELETE FROM follow_requests WHERE user_id = ? AND requester_id = ?', ownerId, requesterId)
      .rowsWritten > 0
  )
}

export function hasFollowRequest(sql: SqlStorage, ownerId: string, requesterId: string): boolean {
  return (
    sql
      .exec('SELECT 1 FROM follow_requests WHERE user_id = ? AND requester_id = ?', ownerId, requesterId)
      .toArray().length > 0
  )
}

/** Pending requests newest first (then by id, a total order), after `after` = [at, requesterId]. */
export function readFollowRequestPage(
  sql: SqlStorage,
  ownerId: string,
  limit: number,
  after?: readonly [number, string],
): { requesterId: string; at: number }[] {
  const [at, id] = after ?? [Number.MAX_SAFE_INTEGER, '']
  return sql
    .exec<{ requester_id: string; at: number }>(
      `SELECT requester_id, at FROM follow_requests
       WHERE user_id = ? AND (at < ? OR (at = ? AND requester_id > ?))
       ORDER BY at DESC, requester_id LIMIT ?`,
      ownerId,
      at,
      at,
      id,
      limit,
    )
    .toArray()
    .map((r) => ({ requesterId: r.requester_id, at: r.at }))
}
