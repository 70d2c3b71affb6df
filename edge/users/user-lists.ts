// Pages of a user's growing lists, each in a total order so a cursor (the last row's position) never
// skips or repeats a row: relations by (at DESC, target_id), muted keywords by keyword.
import type { RelationKind } from '../../shared/types/api/users.ts'

/** Relations of `kind` after the one at `after` = [at, targetId]; at most `limit` rows. */
export function readRelationPage(
  sql: SqlStorage,
  userId: string,
  kind: RelationKind,
  limit: number,
  after?: readonly [number, string],
): { targetId: string; at: number }[] {
  const [at, id] = after ?? [Number.MAX_SAFE_INTEGER, '']
  return sql
    .exec<{ target_id: string; at: number }>(
      `SELECT target_id, at FROM relations
       WHERE user_id = ? AND kind = ? AND (at < ? OR (at = ? AND target_id > ?))
       ORDER BY at DESC, target_id LIMIT ?`,
      userId,
      kind,
      at,
      at,
      id,
      limit,
    )
    .toArray()
    .map((r) => ({ targetId: r.target_id, at: r.at }))
}

/** Muted keywords after `after` in keyword order; at most `limit`. */
export function readMutedKeywordPage(
  sql: SqlStorage,
  userId: string,
  limit: number,
  after?: string,
): string[] {
  return sql
    .exec<{ keyword: string }>(
      'SELECT keyword FROM muted_keywords WHERE user_id = ? AND keyword > ? ORDER BY keyword LIMIT ?',
      userId,
      after ?? '',
      limit,
    )
    .toArray()
    .map((r) => r.keyword)
}
