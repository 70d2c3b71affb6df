// The retrieval index the out-of-network source queries: post-tower embeddings of recent posts, exact top-k by
// dot product (the towers' outputs are unit vectors, so this is cosine). Behind an interface so a deployment
// can back it with Cloudflare Vectorize instead (edge/retrieval/README.md); this file is the sharded
// SQLite Durable Object implementation.
import type { Env } from '../env'
import { ShardSet } from '../shards/shard-set'
import { RETRIEVAL_LIMITS, retrievalConfig } from './retrieval-config'
import type { RetrievalShard } from './retrieval-shard'

export interface RetrievalHit {
  postId: string
  authorId: string
  createdAt: number
  score: number
}

export interface IndexedPost {
  postId: string
  authorId: string
  createdAt: number
  embedding: Float32Array
}

export interface TopKOptions {
  excludePostIds?: readonly string[]
  excludeAuthorIds?: readonly string[]
  /** Posts older than 48 h before this are never returned; defaults to the wall clock. */
  nowMs?: number
}

/** Post-tower embeddings of recent posts; exact top-k by dot product. A deployment may back it with Vectorize. */
export interface RetrievalIndex {
  upsert(posts: readonly IndexedPost[]): Promise<void>
  remove(postIds: readonly string[]): Promise<void>
  /** The k (at most 1,000, upstream's PhoenixMaxResults) best unexpired, unexcluded posts, best first. */
  topK(query: Float32Array, k: number, opts?: TopKOptions): Promise<RetrievalHit[]>
  /** Stored embeddings of these posts (missing ids absent), for the diversity rerank. */
  embeddings(postIds: readonly string[]): Promise<Map<string, Float32Array>>
}

/** The shards of the index, placed by post id (so a post's writes, deletes and exclusions meet on one shard).
 * `name` picks a separate index in the same namespace (tests and benchmarks use their own). */
export function retrievalShards(env: Env, name = 'retrieval'): ShardSet<RetrievalShard> {
  return new ShardSet(env.RETRIEVAL_SHARD, name, retrievalConfig(env).shards)
}

function failure(what: string, failed: Map<number, unknown>): Error {
  const shards = [...failed.keys()].sort((a, b) => a - b)
  return new Error(`retrieval ${what}: shard(s) ${shards.join(', ')} failed`, {
    cause: [...failed.values()][0],
  })
}

/** Highest score first; ties by post id so the order is deterministic. */
export function byScoreDesc(a: RetrievalHit, b: RetrievalHit): number {
  return b.score - a.score || (a.postId < b.postId ? -1 : a.postId > b.postId ? 1 : 0)
}

/** The sharded-SQLite-Durable-Object implementation. Writes fail loudly (the queue retries them); a query
 * degrades to the shards that answered and fails only when none did. */
export function retrievalIndex(env: Env, name?: string): RetrievalIndex {
  const shards = retrievalShards(env, name)
  return {
    async upsert(posts) {
      if (posts.length === 0) return
      const { failed } = await shards.fanOut(
        posts,
        (p) => p.postId,
        (stub, group) => stub.upsert(group),
      )
      if (failed.size > 0) throw failure('upsert', failed)
    },
    async remove(postIds) {
      if (postIds.length === 0) return
      const now = Date.now()
      const { failed } = await shards.fanOut(
        postIds,
        (id) => id,
        (stub, group) => stub.remove(group, now),
      )
      if (failed.size > 0) throw failure('remove', failed)
    },
    async topK(query, k, opts = {}) {
      if (query.length !== RETRIEVAL_LIMITS.dim) {
        throw new RangeError(`retrieval query has ${query.length} dims, expected ${RETRIEVAL_LIMITS.dim}`)
      }
      if (!Number.isInteger(k) || k < 1) return []
      k = Math.min(k, RETRIEVAL_LIMITS.maxK)
      const nowMs = opts.nowMs ?? Date.now()
      const excludeAuthorIds = [...(opts.excludeAuthorIds ?? [])]
      // Excluded post ids live on one shard each: send every shard only its own.
      const excludedByShard = new Map<number, string[]>()
      for (const id of opts.excludePostIds ?? []) {
        const shard = shards.shardOf(id)
        const group = excludedByShard.get(shard)
        if (group) group.push(id)
        else excludedByShard.set(shard, [id])
      }
      const { ok, failed } = await shards.broadcast((stub, shard) =>
        stub.topK(query, k, { excludePostIds: excludedByShard.get(shard) ?? [], excludeAuthorIds, nowMs }),
      )
      if (ok.size === 0) throw failure('topK', failed)
      if (failed.size > 0) console.warn(failure('topK (degraded)', failed).message)
      return [...ok.values()].flat().sort(byScoreDesc).slice(0, k)
    },
    async embeddings(postIds) {
      const out = new Map<string, Float32Array>()
      const unique = [...new Set(postIds)]
      const { ok, failed } = await shards.fanOut(
        unique,
        (id) => id,
        (stub, group) => stub.embeddings(group),
      )
      if (failed.size > 0) console.warn(failure('embeddings (degraded)', failed).message)
      for (const found of ok.values()) for (const [id, e] of found) out.set(id, e)
      return out
    },
  }
}
