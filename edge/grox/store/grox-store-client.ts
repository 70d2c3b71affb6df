// Callers' side of GroxStore: placement by post id, one RPC per shard per batch.
import type { Env } from '../../env'
import { fromEveryShard, ShardSet } from '../../shards/shard-set'
import type { GroxDedupe, GroxSinks } from '../core/types'
import { groxStoreShardCount } from '../dispatcher/dispatcher-config'
import type { GroxStore, StoredSinkWrite } from './grox-store'
import type { EngagementDelta, MilestoneCrossing } from './milestones'

export function groxStoreShards(env: Env): ShardSet<GroxStore> {
  return new ShardSet(env.GROX_STORE, 'grox-store', groxStoreShardCount(env))
}

/** Sinks for tasks: first write per (post, sink) wins; the value is stored as JSON. */
export function groxSinks(env: Env): GroxSinks {
  return {
    async write(postId, sink, value) {
      const [first] = await groxStoreShards(env)
        .stubFor(postId)
        .writeSinks([{ postId, sink, valueJson: JSON.stringify(value ?? null) }])
      return first === true
    },
  }
}

export function groxDedupe(env: Env): GroxDedupe {
  return {
    async claim(scope, postId, ttlMs) {
      const [won] = await groxStoreShards(env).stubFor(postId).claim([{ scope, postId, ttlMs }])
      return won === true
    },
  }
}

export interface SinkRecord {
  postId: string
  sink: string
  value: unknown
  writtenAt: number
  refused: number
}

/** Every sink write for these posts, decoded. */
export async function sinkRecords(env: Env, postIds: readonly string[]): Promise<SinkRecord[]> {
  const writes = await fromEveryShard(
    groxStoreShards(env).fanOut(
      [...new Set(postIds)],
      (id) => id,
      (stub, group) => stub.sinkWrites(group),
    ),
  )
  return writes.map((w: StoredSinkWrite) => ({
    postId: w.postId,
    sink: w.sink,
    value: JSON.parse(w.valueJson) as unknown,
    writtenAt: w.writtenAt,
    refused: w.refused,
  }))
}

/** Writes and refused duplicate writes per sink, over every shard. */
export async function sinkTotals(env: Env): Promise<Record<string, { writes: number; refused: number }>> {
  const { ok } = await groxStoreShards(env).broadcast((stub) => stub.sinkTotals())
  const totals: Record<string, { writes: number; refused: number }> = {}
  for (const rows of ok.values()) {
    for (const r of rows) {
      const t = totals[r.sink] ?? { writes: 0, refused: 0 }
      totals[r.sink] = t
      t.writes += r.writes
      t.refused += r.refused
    }
  }
  return totals
}

export async function countEngagements(
  env: Env,
  deltas: readonly EngagementDelta[],
): Promise<MilestoneCrossing[]> {
  return fromEveryShard(
    groxStoreShards(env).fanOut(
      deltas,
      (d) => d.postId,
      (stub, group) => stub.countEngagements(group),
    ),
  )
}
