import { DurableObject } from 'cloudflare:workers'
import type { ThunderPostInput } from '../../shared/types/api/thunder.ts'
import type { Env } from '../env'
import { migrateOnStart } from '../storage/migrate'
import { type StoredPost, toStoredPost } from './stored-post'
import { THUNDER_CAPS } from './thunder-caps'
import { fetchFromIndex, type ShardQuery } from './thunder-fetch'
import { ThunderIndex } from './thunder-index'
import * as store from './thunder-store'

export interface ShardBatch {
  inserts: readonly ThunderPostInput[]
  tombstones: readonly { postId: string; deletedAt: number }[]
}

export interface ApplyResult {
  inserted: number
  /** Already present, tombstoned, too old, from the future, or evicted at once. */
  skipped: number
  removed: number
}

export interface ShardStats {
  posts: number
  authors: number
  tombstones: number
  /** Rows on disk; equal to the in-memory counts unless something is wrong. */
  rows: { posts: number; tombstones: number }
}

/**
 * One Thunder shard: the recent posts of the authors hashed onto it (upstream's PostStore), kept in SQLite
 * and mirrored in an in-memory index that is rebuilt on start. Every write is idempotent (at-least-once
 * queue delivery): a post id is inserted once, a tombstone blocks later inserts of its post.
 */
export class ThunderShard extends DurableObject<Env> {
  private readonly index = new ThunderIndex(THUNDER_CAPS)
  private readonly sql = migrateOnStart(this.ctx, store.THUNDER_SCHEMA, () => this.rebuildIndex())

  /** Applies tombstones first, so a delete that overtakes its create (or shares its batch) still wins. */
  async apply(batch: ShardBatch, now = Date.now()): Promise<ApplyResult> {
    const result: ApplyResult = { inserted: 0, skipped: 0, removed: 0 }
    const cutoff = now - THUNDER_CAPS.retentionMs
    const fresh = batch.inserts
      .map(toStoredPost)
      .filter((p) => p.createdAt >= cutoff && p.createdAt <= now + THUNDER_CAPS.futureSkewMs)
      .sort((a, b) => a.createdAt - b.createdAt)
    result.skipped += batch.inserts.length - fresh.length
    try {
      this.ctx.storage.transactionSync(() => {
        for (const t of batch.tombstones) {
          store.insertTombstone(this.sql, t.postId, t.deletedAt)
          if (this.index.tombstone(t.postId, t.deletedAt)) {
            store.deletePost(this.sql, t.postId)
            result.removed++
          }
        }
        for (const post of fresh) this.insert(post, result)
      })
    } catch (err) {
      // The transaction rolled back; bring memory back in line with disk before failing the call.
      this.rebuildIndex()
      throw err
    }
    await this.armTrimAlarm(now)
    return result
  }

  fetchPosts(query: ShardQuery, now = Date.now()): StoredPost[] {
    return fetchFromIndex(this.index, query, now)
  }

  stats(): ShardStats {
    return {
      posts: this.index.posts.size,
      authors: this.index.authors.size,
      tombstones: this.index.tombstones.size,
      rows: store.countRows(this.sql),
    }
  }

  /** Periodic trimming: drop expired posts and aged-out tombstones; re-arm while anything is left. */
  override async alarm(): Promise<void> {
    const now = Date.now()
    this.trim(now)
    await this.armTrimAlarm(now, true)
  }

  /** Trimming at a given time; the alarm uses the wall clock, tests move time forward. */
  trim(now: number): { expiredPosts: number; expiredTombstones: number } {
    const { expiredPosts, expiredTombstones } = this.index.trim(now)
    store.trimStore(this.sql, now - THUNDER_CAPS.retentionMs, now - THUNDER_CAPS.tombstoneRetentionMs)
    return { expiredPosts, expiredTombstones: expiredTombstones.length }
  }

  private insert(post: StoredPost, result: ApplyResult): void {
    const outcome = this.index.add(post)
    if (!outcome.added) {
      result.skipped++
      return
    }
    store.insertPost(this.sql, post)
    for (const gone of outcome.evicted) store.deletePost(this.sql, gone.postId)
    if (outcome.evicted.some((p) => p.postId === post.postId)) result.skipped++
    else result.inserted++
  }

  private rebuildIndex(): void {
    this.index.clear()
    for (const t of store.loadTombstones(this.sql)) this.index.tombstones.set(t.postId, t.deletedAt)
    // Oldest first, so the caps evict what inserts would have; rows a cap pushes out (rows written under an
    // older rule or a larger cap) leave the disk too, keeping it equal to memory.
    for (const post of store.loadPosts(this.sql)) {
      for (const gone of this.index.add(post).evicted) store.deletePost(this.sql, gone.postId)
    }
  }

  private async armTrimAlarm(now: number, fromAlarm = false): Promise<void> {
    if (this.index.posts.size === 0 && this.index.tombstones.size === 0) return
    if (!fromAlarm && (await this.ctx.storage.getAlarm()) !== null) return
    await this.ctx.storage.setAlarm(now + THUNDER_CAPS.trimIntervalMs)
  }
}
