// The Thunder client: places authors on shards, fans one request out per shard in parallel, merges
// newest first and caps the total (upstream home-mixer's ThunderMaxResults).
import { THUNDER_MAX_RESULTS, type ThunderPostInput } from '../../shared/types/api/thunder.ts'
import { edgeConfig } from '../config'
import type { Env } from '../env'
import { groupByShard, shardOf } from '../ids/shard-of'
import { newestFirst, type StoredPost } from './stored-post'
import type { ApplyResult, ThunderShard } from './thunder-shard'

/** The shard count is part of the name, so a different THUNDER_SHARDS never mixes placements. */
export function thunderShard(env: Env, shard: number, shards: number): DurableObjectStub<ThunderShard> {
  return env.THUNDER_SHARD.getByName(`thunder-${shards}-${shard}`)
}

export function thunderShardOfAuthor(env: Env, authorId: string): DurableObjectStub<ThunderShard> {
  const { thunderShards } = edgeConfig(env)
  return thunderShard(env, shardOf(authorId, thunderShards), thunderShards)
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
  const shards = edgeConfig(env).thunderShards
  const limit = Math.min(req.limit ?? THUNDER_MAX_RESULTS, THUNDER_MAX_RESULTS)
  const byShard = groupByShard(req.followedIds, (id) => id, shards)
  const failedShards: number[] = []
  const replies = await Promise.all(
    [...byShard].map(async ([shard, authorIds]) => {
      try {
        const query = {
          viewerId: req.viewerId,
          authorIds,
          followedIds: req.followedIds,
          excludeIds: req.excludeIds,
          limit,
          videosOnly: req.videosOnly ?? false,
        }
        return await thunderShard(env, shard, shards).fetchPosts(query, req.now)
      } catch (err) {
        console.error(`thunder shard ${shard}/${shards} fetch failed:`, err)
        failedShards.push(shard)
        return []
      }
    }),
  )
  const posts = replies.flat().sort(newestFirst)
  return {
    posts: posts.length > limit ? posts.slice(0, limit) : posts,
    shardsQueried: byShard.size,
    failedShards: failedShards.sort((a, b) => a - b),
  }
}

export interface ThunderWrite {
  inserts: readonly ThunderPostInput[]
  tombstones: readonly { postId: string; deletedAt: number }[]
}

/**
 * Applies inserts on their author's shard and tombstones on every shard (a reply on any shard may need to
 * know its parent is gone). One call per shard, in parallel; returns which shards failed.
 */
export async function writeToThunder(
  env: Env,
  write: ThunderWrite,
): Promise<{ results: Map<number, ApplyResult>; failed: Map<number, unknown> }> {
  const shards = edgeConfig(env).thunderShards
  const inserts = groupByShard(write.inserts, (p) => p.authorId, shards)
  const targets =
    write.tombstones.length > 0 ? Array.from({ length: shards }, (_, i) => i) : [...inserts.keys()]
  const results = new Map<number, ApplyResult>()
  const failed = new Map<number, unknown>()
  await Promise.all(
    targets.map(async (shard) => {
      try {
        const batch = { inserts: inserts.get(shard) ?? [], tombstones: write.tombstones }
        results.set(shard, await thunderShard(env, shard, shards).apply(batch))
      } catch (err) {
        failed.set(shard, err)
      }
    }),
  )
  return { results, failed }
}
