// Callers' side of the post store: placement by post id and batch lookup, one call per shard in parallel.
import { edgeConfig } from '../config'
import type { Env } from '../env'
import { fromEveryShard, ShardSet } from '../shards/shard-set'
import type { ChildKind, ChildLink, LinkOutcome } from './post-children'
import type { EventConfirmation } from './post-outbox'
import type { CountDelta, CreateOutcome, NewPostRecord, PostRecord } from './post-record'
import type { PostStore } from './post-store'

/** Post ids hashed onto POST_SHARDS objects named `posts-<count>-<i>`. */
export function postShards(env: Env): ShardSet<PostStore> {
  return new ShardSet(env.POST_STORE, 'posts', edgeConfig(env).postShards)
}

/** Batch lookup: at most one round trip per shard, whatever the number of ids. */
export async function lookupPosts(
  env: Env,
  ids: readonly string[],
  includeDeleted = false,
): Promise<Map<string, PostRecord>> {
  const unique = [...new Set(ids)]
  const records = await fromEveryShard(
    postShards(env).fanOut(
      unique,
      (id) => id,
      (stub, group) => stub.getMany(group, includeDeleted),
    ),
  )
  return new Map(records.map((r) => [r.id, r]))
}

export function storePosts(env: Env, records: readonly NewPostRecord[]): Promise<CreateOutcome[]> {
  return fromEveryShard(
    postShards(env).fanOut(
      records,
      (r) => r.id,
      (stub, group) => stub.create(group),
    ),
  )
}

/** Ingest events each post shard has published and the consumer has not confirmed yet, by shard. */
export async function outboxPending(env: Env): Promise<number[]> {
  // Post data must be whole: a shard that failed fails the call (with its error).
  const counts = await fromEveryShard(
    postShards(env).broadcast(async (stub, shard) => [{ shard, pending: await stub.outboxPending() }]),
  )
  return counts.sort((a, b) => a.shard - b.shard).map((c) => c.pending)
}

/** The consumer's confirmation: these events were applied, so their shards drop them from the outbox. */
export async function confirmApplied(env: Env, confirmations: readonly EventConfirmation[]): Promise<void> {
  await fromEveryShard(
    postShards(env).fanOut(
      confirmations,
      (c) => c.postId,
      async (stub, group) => {
        await stub.confirmApplied(group)
        return []
      },
    ),
  )
}

export async function addCounts(env: Env, deltas: readonly CountDelta[]): Promise<void> {
  await fromEveryShard(
    postShards(env).fanOut(
      deltas,
      (d) => d.postId,
      async (stub, group) => {
        await stub.addCounts(group)
        return []
      },
    ),
  )
}

/** Links children on their parents' shards; outcomes keyed by the child id asked for. */
export async function linkChildren(env: Env, links: readonly ChildLink[]): Promise<Map<string, LinkOutcome>> {
  const outcomes = await fromEveryShard(
    postShards(env).fanOut(
      links,
      (l) => l.parentId,
      (stub, group) => stub.linkChildren(group),
    ),
  )
  return new Map(outcomes.map(({ asked, ...o }) => [asked, o as LinkOutcome]))
}

export async function unlinkChildren(
  env: Env,
  links: readonly Pick<ChildLink, 'parentId' | 'kind' | 'childId'>[],
): Promise<void> {
  await fromEveryShard(
    postShards(env).fanOut(
      links,
      (l) => l.parentId,
      async (stub, group) => {
        await stub.unlinkChildren(group)
        return []
      },
    ),
  )
}

export function childrenOf(env: Env, parentIds: readonly string[], kind: ChildKind) {
  return fromEveryShard(
    postShards(env).fanOut(
      parentIds,
      (id) => id,
      (stub, group) => stub.childrenOf(group, kind),
    ),
  )
}
