import { DurableObject } from 'cloudflare:workers'
import type { Env } from '../env'
import { EmbeddingTable } from './embedding-table'
import { RETRIEVAL_LIMITS as LIMITS } from './retrieval-config'
import type { IndexedPost, RetrievalHit } from './retrieval-index'
import * as store from './retrieval-store'

export interface ShardTopKQuery {
  /** Only the excluded posts that live on this shard. */
  excludePostIds: readonly string[]
  excludeAuthorIds: readonly string[]
  nowMs: number
}

export interface RetrievalShardStats {
  embeddings: number
  removed: number
  rows: { embeddings: number; removed: number }
}

/**
 * One shard of the retrieval index: the post-tower embeddings of the posts hashed onto it, in SQLite (the
 * truth) and in a packed in-memory table loaded once per object lifetime and updated with every write.
 * Writes are idempotent (at-least-once queue delivery); a removed id is refused for 48 h so a redelivered
 * create cannot resurrect it. Expiry is applied at query time and storage is trimmed from an alarm.
 */
export class RetrievalShard extends DurableObject<Env> {
  private readonly sql: SqlStorage
  private readonly table = new EmbeddingTable(LIMITS.dim)
  private readonly removed = new Map<string, number>()

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.sql = ctx.storage.sql
    void ctx.blockConcurrencyWhile(async () => {
      store.migrateRetrieval(this.sql)
      this.reload()
    })
  }

  /** Stores (or replaces) embeddings; expired, removed and misshapen ones are skipped and counted. */
  async upsert(
    posts: readonly IndexedPost[],
    now = Date.now(),
  ): Promise<{ stored: number; skipped: number }> {
    const cutoff = now - LIMITS.retentionMs
    const fresh = posts.filter(
      (p) => p.createdAt >= cutoff && !this.removed.has(p.postId) && p.embedding.length === LIMITS.dim,
    )
    this.write(() => {
      for (const p of fresh) {
        store.putEmbedding(this.sql, p)
        this.table.put(p)
      }
    })
    await this.armTrimAlarm(now)
    return { stored: fresh.length, skipped: posts.length - fresh.length }
  }

  /** Deletes embeddings and remembers the ids for 48 h; removing an unknown id still records it. */
  async remove(postIds: readonly string[], now = Date.now()): Promise<{ removed: number }> {
    let removed = 0
    this.write(() => {
      for (const id of postIds) {
        store.removeEmbedding(this.sql, id, now)
        if (!this.removed.has(id)) this.removed.set(id, now)
        if (this.table.delete(id)) removed++
      }
    })
    await this.armTrimAlarm(now)
    return { removed }
  }

  topK(query: Float32Array, k: number, q: ShardTopKQuery): RetrievalHit[] {
    return this.table.topK(query, Math.min(k, LIMITS.maxK), {
      excludePostIds: new Set(q.excludePostIds),
      excludeAuthorIds: new Set(q.excludeAuthorIds),
      createdAfter: q.nowMs - LIMITS.retentionMs,
    })
  }

  embeddings(postIds: readonly string[]): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>()
    for (const id of postIds) {
      const e = this.table.get(id)
      if (e) out.set(id, e)
    }
    return out
  }

  stats(): RetrievalShardStats {
    return {
      embeddings: this.table.size,
      removed: this.removed.size,
      rows: store.countRetrievalRows(this.sql),
    }
  }

  override async alarm(): Promise<void> {
    const now = Date.now()
    this.trim(now)
    await this.armTrimAlarm(now, true)
  }

  /** Drops expired embeddings and aged-out tombstones (the alarm uses the wall clock; tests pass a time). */
  trim(now: number): { expired: number; tombstonesDropped: number } {
    const expired = this.table.createdBefore(now - LIMITS.retentionMs)
    for (const id of expired) this.table.delete(id)
    const removedCutoff = now - LIMITS.tombstoneRetentionMs
    let tombstonesDropped = 0
    for (const [id, at] of this.removed) {
      if (at < removedCutoff) {
        this.removed.delete(id)
        tombstonesDropped++
      }
    }
    store.trimRetrieval(this.sql, now - LIMITS.retentionMs, removedCutoff)
    return { expired: expired.length, tombstonesDropped }
  }

  /** Runs SQL in one transaction; on failure memory is reloaded from disk so the two never disagree. */
  private write(body: () => void): void {
    try {
      this.ctx.storage.transactionSync(body)
    } catch (err) {
      this.reload()
      throw err
    }
  }

  private reload(): void {
    this.table.clear()
    this.removed.clear()
    for (const [id, at] of store.loadRemoved(this.sql)) this.removed.set(id, at)
    for (const p of store.loadEmbeddings(this.sql, LIMITS.dim)) this.table.put(p)
  }

  private async armTrimAlarm(now: number, fromAlarm = false): Promise<void> {
    if (this.table.size === 0 && this.removed.size === 0) return
    if (!fromAlarm && (await this.ctx.storage.getAlarm()) !== null) return
    await this.ctx.storage.setAlarm(now + LIMITS.trimIntervalMs)
  }
}
