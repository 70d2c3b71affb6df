// Callers' side of the post store: placement by post id and batch lookup, one call per shard in parallel.
import { edgeConfig } from '../config'
import type { Env } from '../env'
import { groupByShard, shardOf } from '../ids/shard-of'
import type { CountDelta, CreateOutcome, NewPostRecord, PostRecord } from './post-record'
import type { PostStore } from './post-store'

export function postShard(env: Env, shard: number, shards: number): DurableObjectStub<PostStore> {
  return env.POST_STORE.getByName(`posts-${shards}-${shard}`)
}

export function postShardOf(env: Env, postId: string): DurableObjectStub<PostStore> {
  const { postShards } = edgeConfig(env)
  return postShard(env, shardOf(postId, postShards), postShards)
}

async function perShard<T, R>(
  env: Env,
  items: readonly T[],
  key: (item: T) => string,
  call: (stub: DurableObjectStub<PostStore>, group: T[]) => Promise<R[]>,
): Promise<R[]> {
  const { postShards } = edgeConfig(env)
  const groups = groupByShard(items, key, postShards)
  const results = await Promise.all(
    [...groups].map(([shard, group]) => call(postShard(env, shard, postShards), group)),
  )
  return results.flat()
}

/** Batch lookup: at most one round trip per shard, whatever the number of ids. */
export async function lookupPosts(
  env: Env,
  ids: readonly string[],
  includeDeleted = false,
): Promise<Map<string, PostRecord>> {
  const unique = [...new Set(ids)]
  const records = await perShard(
    env,
    unique,
    (id) => id,
    (stub, group) => stub.getMany(group, includeDeleted),
  )
  return new Map(records.map((r) => [r.id, r]))
}

export function storePosts(env: Env, records: readonly NewPostRecord[]): Promise<CreateOutcome[]> {
  return perShard(
    env,
    records,
    (r) => r.id,
    (stub, group) => stub.create(group),
  )
}

export async function markPublished(env: Env, ids: readonly string[]): Promise<void> {
  await perShard(
    env,
    ids,
    (id) => id,
    async (stub, group) => {
      await stub.markPublished(group)
      return []
    },
  )
}

export async function addCounts(env: Env, deltas: readonly CountDelta[]): Promise<void> {
  await perShard(
    env,
    deltas,
    (d) => d.postId,
    async (stub, group) => {
      await stub.addCounts(group)
      return []
    },
  )
}
