// Counter deltas on the post store. A delta for a post this shard does not hold yet (the bulk loader may
// send a favorite before its post) waits in `pending_counts` and is added when the post is created, so
// the result does not depend on the order in which engagements and posts arrive.
import type { SqlSchema } from '../storage/migrate'
import type { CountDelta } from './post-record'

export const COUNTS_SCHEMA: SqlSchema = [
  `CREATE TABLE IF NOT EXISTS pending_counts (
    post_id TEXT PRIMARY KEY,
    favorite INTEGER NOT NULL,
    reply INTEGER NOT NULL,
    repost INTEGER NOT NULL,
    quote INTEGER NOT NULL,
    view INTEGER NOT NULL
  )`,
]

const values = ({ counts: c }: CountDelta) =>
  [c.favorite ?? 0, c.reply ?? 0, c.repost ?? 0, c.quote ?? 0, c.view ?? 0] as const

/** Call inside a transaction. Counters never go below zero. */
export function applyCountDeltas(sql: SqlStorage, deltas: readonly CountDelta[]): void {
  for (const d of deltas) {
    const updated = sql
      .exec(
        `UPDATE posts SET favorite_count = MAX(0, favorite_count + ?), reply_count = MAX(0, reply_count + ?),
          repost_count = MAX(0, repost_count + ?), quote_count = MAX(0, quote_count + ?),
          view_count = MAX(0, view_count + ?)
         WHERE id = ? RETURNING id`,
        ...values(d),
        d.postId,
      )
      .toArray()
    if (updated.length > 0) continue
    sql.exec(
      `INSERT INTO pending_counts (post_id, favorite, reply, repost, quote, view) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (post_id) DO UPDATE SET favorite = favorite + excluded.favorite,
         reply = reply + excluded.reply, repost = repost + excluded.repost, quote = quote + excluded.quote,
         view = view + excluded.view`,
      d.postId,
      ...values(d),
    )
  }
}

/** Call inside the transaction that inserted post `id`: adds what waited for it. */
export function applyPendingCounts(sql: SqlStorage, id: string): void {
  const [row] = sql
    .exec<{ favorite: number; reply: number; repost: number; quote: number; view: number }>(
      'DELETE FROM pending_counts WHERE post_id = ? RETURNING favorite, reply, repost, quote, view',
      id,
    )
    .toArray()
  if (row !== undefined) applyCountDeltas(sql, [{ postId: id, counts: row }])
}
