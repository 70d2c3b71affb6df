// The posts that point at a post (replies, quotes, reposts), kept on the pointed-at post's shard. A link
// row and its count move together in one transaction, so counts.reply/quote/repost come from content and
// linking or unlinking twice changes nothing (the ingest consumer may repeat a delete's cascade).
// A partial unique index makes a repost exist once per user and original.
import type { SqlSchema } from '../storage/migrate'

export const CHILD_KINDS = ['reply', 'quote', 'repost'] as const
export type ChildKind = (typeof CHILD_KINDS)[number]

export interface ChildLink {
  parentId: string
  kind: ChildKind
  childId: string
  /** The child's author (a repost is unique per user and original). */
  userId: string
  createdAt: number
}

/**
 * `linked`: new link, count moved; `exists`: this user's repost of the parent is `childId` (maybe another
 * id than asked) or the link was there; `parent_gone`: the parent is unknown here or deleted.
 */
export type LinkOutcome =
  | { status: 'linked' | 'exists'; childId: string; createdAt: number }
  | { status: 'parent_gone' }

export const CHILDREN_SCHEMA: SqlSchema = [
  `CREATE TABLE IF NOT EXISTS post_children (
    parent_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    child_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (parent_id, kind, child_id)
  )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS post_children_one_repost ON post_children (parent_id, user_id)
    WHERE kind = 'repost'`,
]

const COUNT_COLUMN: Record<ChildKind, string> = {
  reply: 'reply_count',
  quote: 'quote_count',
  repost: 'repost_count',
}

function moveCount(sql: SqlStorage, link: Pick<ChildLink, 'parentId' | 'kind'>, delta: number): void {
  const column = COUNT_COLUMN[link.kind]
  sql.exec(`UPDATE posts SET ${column} = MAX(0, ${column} + ?) WHERE id = ?`, delta, link.parentId)
}

/** Call inside a transaction. */
export function linkChild(sql: SqlStorage, link: ChildLink): LinkOutcome {
  const live = sql.exec('SELECT 1 FROM posts WHERE id = ? AND deleted_at IS NULL', link.parentId).toArray()
  if (live.length === 0) return { status: 'parent_gone' }
  const inserted = sql
    .exec(
      `INSERT INTO post_children (parent_id, kind, child_id, user_id, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING child_id`,
      link.parentId,
      link.kind,
      link.childId,
      link.userId,
      link.createdAt,
    )
    .toArray()
  if (inserted.length > 0) {
    moveCount(sql, link, 1)
    return { status: 'linked', childId: link.childId, createdAt: link.createdAt }
  }
  const [existing] = sql
    .exec<{ child_id: string; created_at: number }>(
      `SELECT child_id, created_at FROM post_children WHERE parent_id = ? AND kind = ?
         AND (child_id = ? OR (kind = 'repost' AND user_id = ?))`,
      link.parentId,
      link.kind,
      link.childId,
      link.userId,
    )
    .toArray()
  if (existing === undefined)
    throw new Error(`post_children: link ${link.childId} neither inserted nor found`)
  return { status: 'exists', childId: existing.child_id, createdAt: existing.created_at }
}

/** Call inside a transaction; true when the link was there (and the count moved down). */
export function unlinkChild(
  sql: SqlStorage,
  link: Pick<ChildLink, 'parentId' | 'kind' | 'childId'>,
): boolean {
  const removed = sql
    .exec(
      'DELETE FROM post_children WHERE parent_id = ? AND kind = ? AND child_id = ? RETURNING child_id',
      link.parentId,
      link.kind,
      link.childId,
    )
    .toArray()
  if (removed.length > 0) moveCount(sql, link, -1)
  return removed.length > 0
}

export function childrenOf(sql: SqlStorage, parentId: string, kind: ChildKind): string[] {
  return sql
    .exec<{ child_id: string }>(
      'SELECT child_id FROM post_children WHERE parent_id = ? AND kind = ? ORDER BY child_id',
      parentId,
      kind,
    )
    .toArray()
    .map((r) => r.child_id)
}
