// The Thunder client: places authors on shards, fans one request out per shard in parallel, merges
// newest first and caps the total (upstream home-mixer's ThunderMaxResults).
import { THUNDER_MAX_RESULTS, type ThunderPostInput } from '../../shared/types/api/thunder.ts'
import { edgeConfig } from '../config'
import type { Env } from '../env'
import { type ShardResults, ShardSet } from '../shards/shard-set'
import { newestFirst, type StoredPost } from './stored-post'
import type { ApplyResult, ThunderShard } from './thunder-shard'

/** Authors hashed onto THUNDER_SHARDS objects named `thunder-<count>-<i>`. */
export function thunderShards(env: Env): ShardSet<ThunderShard> {
  return new ShardSet(env.THUNDER_SHARD, 'thunder', edgeConfig(env).thunderShards)
}

export interface InNetworkRequest {
  viewerId: string
  followedIds: readonly string[]
  excludeIds: readonly string[]
  limit?: number
  videosOnly?: boolean
  /** Test hook: evaluate retention at this time. */
  now?: number
}

export interface InNetworkResult {
  posts: StoredPost[]
  shardsQueried: number
  /** Shards that failed; their authors are missing from `posts` (the source degrades, not fails). */
  failedShards: number[]
}

export async function fetchInNetwork(env: Env, req: InNetworkRequest): Promise<InNetworkResult> {
  const shards = thunderShards(env)
  const limit = Math.min(req.limit ?? THUNDER_MAX_RESULTS, THUNDER_MAX_RESULTS)
  const { ok, failed } = await shards.fanOut(
    req.followedIds,
    (id) => id,
    (stub, authorIds) => {
      const query = {
        viewerId: req.viewerId,
        authorIds,
        followedIds: req.followedIds,
        excludeIds: req.excludeIds,
        limit,
        videosOnly: req.videosOnly ?? false,
      }
      return stub.fetchPosts(query, req.now)
    },
  )
  for (const [shard, err] of failed)
    console.error(`thunder shard ${shard}/${shards.count} fetch failed:`, err)
  const posts = [...ok.values()].flat().sort(newestFirst)
  return {
    posts: posts.length > limit ? posts.slice(0, limit) : posts,
    shardsQueried: ok.size + failed.size,
    failedShards: [...failed.keys()].sort((a, b) => a - b),
  }
}

export interface ThunderWrite {
  inserts: readonly ThunderPostInput[]
  tombstones: readonly { postId: string; deletedAt: number }[]
}

/**
 * Applies inserts on their author's shard and tombstones on every shard (a reply on any shard may need to
 * know its parent is gone). One call per shard, in parallel; failed shards are reported, not thrown.
 */
export function writeToThunder(env: Env, write: ThunderWrite): Promise<ShardResults<ApplyResult>> {
  const shards = thunderShards(env)
  if (write.tombstones.length === 0) {
    return shards.fanOut(
      write.inserts,
      (p) => p.authorId,
      (stub, inserts) => stub.apply({ inserts, tombstones: [] }),
    )
  }
  const inserts = new Map<number, ThunderPostInput[]>()
  for (const p of write.inserts) {
    const shard = shards.shardOf(p.authorId)
    const group = inserts.get(shard)
    if (group) group.push(p)
    else inserts.set(shard, [p])
  }
  return shards.broadcast((stub, shard) =>
    stub.apply({ inserts: inserts.get(shard) ?? [], tombstones: write.tombstones }),
  )
}
