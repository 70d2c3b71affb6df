import { DurableObject } from 'cloudflare:workers'
import type { Env } from '../env'
import { migrateOnStart } from '../storage/migrate'
import type { CountDelta, CreateOutcome, NewPostRecord, PostRecord } from './post-record'
import { fromRow, insertRow, POST_SCHEMA, type PostRow } from './post-rows'

/** SQLite allows 100 bound parameters per statement; lookups go in chunks of this many ids. */
export const SQL_PARAM_CHUNK = 100

/**
 * One shard of post core data (text, media, author, relations, engagement counts, later Grox labels),
 * placed by post id. Batch lookups answer every id of the shard in one call.
 */
export class PostStore extends DurableObject<Env> {
  private readonly sql = migrateOnStart(this.ctx, POST_SCHEMA)

  /** Idempotent: an existing id keeps its stored data and reports its status. */
  create(records: readonly NewPostRecord[]): CreateOutcome[] {
    return this.ctx.storage.transactionSync(() =>
      records.map((r): CreateOutcome => {
        if (insertRow(this.sql, r))
          return { id: r.id, status: 'created', published: false, thunder: r.thunder }
        const existing = this.getMany([r.id], true)[0]
        if (existing === undefined) throw new Error(`post ${r.id} neither inserted nor found`)
        return {
          id: r.id,
          status: existing.deletedAt === undefined ? 'exists' : 'deleted',
          published: existing.published,
          thunder: existing.thunder,
        }
      }),
    )
  }

  /** Posts by id (order not kept; unknown ids are absent); deleted ones only when asked. */
  getMany(ids: readonly string[], includeDeleted = false): PostRecord[] {
    const out: PostRecord[] = []
    for (let i = 0; i < ids.length; i += SQL_PARAM_CHUNK) {
      const chunk = ids.slice(i, i + SQL_PARAM_CHUNK)
      const marks = chunk.map(() => '?').join(', ')
      const rows = this.sql.exec<PostRow>(`SELECT * FROM posts WHERE id IN (${marks})`, ...chunk).toArray()
      for (const row of rows) {
        const record = fromRow(row)
        if (includeDeleted || record.deletedAt === undefined) out.push(record)
      }
    }
    return out
  }

  /**
   * The feed's cold-start fallback: live public originals and quotes created in [since, until], most
   * engaged first (favorites + replies + reposts + quotes, then views, then newest). Reads the created_at
   * index, so the work is bounded by this shard's posts in the window.
   */
  recentPopular(since: number, until: number, limit: number): PostRecord[] {
    return this.sql
      .exec<PostRow>(
        `SELECT * FROM posts WHERE created_at >= ? AND created_at <= ? AND deleted_at IS NULL
           AND reply_to_id IS NULL AND repost_of_id IS NULL AND subscriber_only = 0
         ORDER BY favorite_count + reply_count + repost_count + quote_count DESC, view_count DESC,
           created_at DESC, id DESC
         LIMIT ?`,
        since,
        until,
        limit,
      )
      .toArray()
      .map(fromRow)
  }

  markPublished(ids: readonly string[]): void {
    this.ctx.storage.transactionSync(() => {
      for (const id of ids) this.sql.exec('UPDATE posts SET published = 1 WHERE id = ?', id)
    })
  }

  /** Marks a live post deleted; returns false when it was unknown or already deleted. */
  markDeleted(id: string, deletedAt: number): boolean {
    return (
      this.sql.exec('UPDATE posts SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL', deletedAt, id)
        .rowsWritten > 0
    )
  }

  addCounts(deltas: readonly CountDelta[]): void {
    this.ctx.storage.transactionSync(() => {
      for (const { postId, counts } of deltas) {
        this.sql.exec(
          `UPDATE posts SET favorite_count = favorite_count + ?, reply_count = reply_count + ?,
            repost_count = repost_count + ?, quote_count = quote_count + ?, view_count = view_count + ?
           WHERE id = ?`,
          counts.favorite ?? 0,
          counts.reply ?? 0,
          counts.repost ?? 0,
          counts.quote ?? 0,
          counts.view ?? 0,
          postId,
        )
      }
    })
  }
}
