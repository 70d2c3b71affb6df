// GroxStore: Grox's per-post state, sharded by post id (GROX_STORE_SHARDS): sink writes where the first
// write per (post, sink) wins (so an at-least-once queue never writes a sink twice), the rate-limit tasks'
// first-write-wins dedupe with a TTL (one place for every isolate), and engagement milestones.
import { DurableObject } from 'cloudflare:workers'
import type { Env } from '../../env'
import { migrateOnStart, type SqlSchema } from '../../storage/migrate'
import { type EngagementDelta, MILESTONES, type Milestone, type MilestoneCrossing } from './milestones'

/** How often expired dedupe claims are deleted (an expired one already loses to the next claim). */
const DEDUPE_SWEEP_MS = 3_600_000

export const GROX_STORE_SCHEMA: SqlSchema = [
  `CREATE TABLE IF NOT EXISTS sink_writes (
    post_id TEXT NOT NULL, sink TEXT NOT NULL, value TEXT NOT NULL, written_at INTEGER NOT NULL,
    refused INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (post_id, sink))`,
  `CREATE TABLE IF NOT EXISTS dedupe (
    scope TEXT NOT NULL, post_id TEXT NOT NULL, expires_at INTEGER NOT NULL, PRIMARY KEY (scope, post_id))`,
  'CREATE INDEX IF NOT EXISTS dedupe_expiry ON dedupe (expires_at)',
  // Writes and refused duplicates per sink, kept with each write so the stats route reads a few rows
  // instead of scanning every write; the INSERT OR IGNORE fills it once for writes made before it existed.
  'CREATE TABLE IF NOT EXISTS sink_counts (sink TEXT PRIMARY KEY, writes INTEGER NOT NULL, refused INTEGER NOT NULL)',
  `INSERT OR IGNORE INTO sink_counts (sink, writes, refused)
    SELECT sink, COUNT(*), SUM(refused) FROM sink_writes GROUP BY sink`,
  `CREATE TABLE IF NOT EXISTS traction (
    post_id TEXT PRIMARY KEY, engagements INTEGER NOT NULL, favorites INTEGER NOT NULL, crossed TEXT NOT NULL)`,
]

export interface SinkWrite {
  postId: string
  sink: string
  /** JSON text: `unknown` does not cross RPC. */
  valueJson: string
}

export interface StoredSinkWrite extends SinkWrite {
  writtenAt: number
  /** Later writes this (post, sink) refused. */
  refused: number
}

export interface DedupeClaim {
  scope: string
  postId: string
  ttlMs: number
}

export class GroxStore extends DurableObject<Env> {
  private readonly sql = migrateOnStart(this.ctx, GROX_STORE_SCHEMA)

  /** One boolean per write: true when it was the first for its (post, sink). */
  writeSinks(writes: readonly SinkWrite[], now = Date.now()): boolean[] {
    return this.ctx.storage.transactionSync(() =>
      writes.map((w) => {
        const inserted = this.sql
          .exec(
            `INSERT INTO sink_writes (post_id, sink, value, written_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (post_id, sink) DO NOTHING RETURNING post_id`,
            w.postId,
            w.sink,
            w.valueJson,
            now,
          )
          .toArray().length
        if (inserted === 0) {
          this.sql.exec(
            'UPDATE sink_writes SET refused = refused + 1 WHERE post_id = ? AND sink = ?',
            w.postId,
            w.sink,
          )
        }
        this.sql.exec(
          `INSERT INTO sink_counts (sink, writes, refused) VALUES (?, ?, ?)
           ON CONFLICT (sink) DO UPDATE SET writes = writes + excluded.writes, refused = refused + excluded.refused`,
          w.sink,
          inserted,
          1 - inserted,
        )
        return inserted === 1
      }),
    )
  }

  sinkWrites(postIds: readonly string[]): StoredSinkWrite[] {
    const out: StoredSinkWrite[] = []
    for (const postId of postIds) {
      const rows = this.sql.exec<{ sink: string; value: string; written_at: number; refused: number }>(
        'SELECT sink, value, written_at, refused FROM sink_writes WHERE post_id = ? ORDER BY sink',
        postId,
      )
      for (const r of rows) {
        out.push({ postId, sink: r.sink, valueJson: r.value, writtenAt: r.written_at, refused: r.refused })
      }
    }
    return out
  }

  /** Writes and refused duplicates per sink on this shard. */
  sinkTotals(): { sink: string; writes: number; refused: number }[] {
    return this.sql
      .exec<{ sink: string; writes: number; refused: number }>(
        'SELECT sink, writes, refused FROM sink_counts ORDER BY sink',
      )
      .toArray()
  }

  /** First-write-wins per (scope, post) until it expires; one boolean per claim. */
  async claim(claims: readonly DedupeClaim[], now = Date.now()): Promise<boolean[]> {
    const results = this.ctx.storage.transactionSync(() =>
      claims.map((c) => {
        const won = this.sql
          .exec(
            `INSERT INTO dedupe (scope, post_id, expires_at) VALUES (?, ?, ?)
             ON CONFLICT (scope, post_id) DO UPDATE SET expires_at = excluded.expires_at
             WHERE dedupe.expires_at <= ? RETURNING post_id`,
            c.scope,
            c.postId,
            now + c.ttlMs,
            now,
          )
          .toArray().length
        return won === 1
      }),
    )
    // Expired claims are swept by the alarm; one pending alarm is enough.
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(now + DEDUPE_SWEEP_MS)
    return results
  }

  /** Adds engagement deltas; returns each milestone a post crossed now (each at most once per post). */
  countEngagements(deltas: readonly EngagementDelta[]): MilestoneCrossing[] {
    const crossings: MilestoneCrossing[] = []
    this.ctx.storage.transactionSync(() => {
      for (const d of deltas) {
        const row = this.sql
          .exec<{ engagements: number; favorites: number; crossed: string }>(
            `INSERT INTO traction (post_id, engagements, favorites, crossed) VALUES (?, ?, ?, '')
             ON CONFLICT (post_id) DO UPDATE SET engagements = engagements + excluded.engagements,
               favorites = favorites + excluded.favorites
             RETURNING engagements, favorites, crossed`,
            d.postId,
            d.engagements,
            d.favorites,
          )
          .one()
        const crossed = new Set(row.crossed.split(',').filter(Boolean) as Milestone[])
        const fresh = MILESTONES.filter((m) => !crossed.has(m.name) && m.reached(row)).map((m) => m.name)
        if (fresh.length === 0) continue
        for (const m of fresh) crossed.add(m)
        this.sql.exec('UPDATE traction SET crossed = ? WHERE post_id = ?', [...crossed].join(','), d.postId)
        for (const milestone of fresh) crossings.push({ postId: d.postId, milestone })
      }
    })
    return crossings
  }

  override async alarm(): Promise<void> {
    this.sql.exec('DELETE FROM dedupe WHERE expires_at <= ?', Date.now())
    const left = this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM dedupe').one().n
    if (left > 0) await this.ctx.storage.setAlarm(Date.now() + DEDUPE_SWEEP_MS)
  }
}
