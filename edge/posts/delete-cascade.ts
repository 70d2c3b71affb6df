// What a delete undoes, idempotently: the deleted posts' links on the posts they pointed at (counts go
// down, a repost's slot is freed) and their reposts, which are deleted in turn through the same outbox
// path (post store tombstone + post.deleted event → Thunder and the retrieval index). DELETE runs it at
// once; the ingest consumer runs it again for every post.deleted event it applies, so a crash in between
// is repaired by the event's retry. Quotes and replies stay: their views say the post is unavailable.
import type { Env } from '../env'
import { contentLinks } from './create-posts'
import { childrenOf, lookupPosts, postShards, unlinkChildren } from './post-client'

export async function cascadeDeletes(env: Env, ids: readonly string[], deletedAt: number): Promise<void> {
  if (ids.length === 0) return
  const deleted = [...(await lookupPosts(env, ids, true)).values()].filter((r) => r.deletedAt !== undefined)
  const links = deleted.flatMap(contentLinks)
  if (links.length > 0) await unlinkChildren(env, links)
  const reposts = await childrenOf(
    env,
    deleted.map((r) => r.id),
    'repost',
  )
  const shards = postShards(env)
  const events = await Promise.all(
    reposts.map(({ childId }) => shards.stubFor(childId).markDeleted(childId, deletedAt)),
  )
  const fresh = events.filter((e) => e !== undefined)
  // A lost send is re-sent by the repost's shard (its outbox holds the event).
  if (fresh.length > 0) await env.POST_INGEST.sendBatch(fresh.map((body) => ({ body })))
  if (reposts.length > 0) {
    await unlinkChildren(
      env,
      reposts.map(({ parentId, childId }) => ({ parentId, kind: 'repost' as const, childId })),
    )
  }
}
