// Post deletion, beside creation: the author (or an admin) deletes; the core row is tombstoned and a
// post.deleted event tells every Thunder shard.
import { DomainError, postNotFound } from '../domain-error'
import type { Env, Principal } from '../env'
import type { PostDeletedEvent } from '../queue/post-events'
import { lookupPosts, postShards } from './post-client'

/** Deletes post `id` as `actor` at `deletedAt`; throws not_found (unknown id) or forbidden (`not_author`). */
export async function deletePost(env: Env, id: string, actor: Principal, deletedAt: number): Promise<void> {
  const record = (await lookupPosts(env, [id])).get(id)
  if (record === undefined) throw postNotFound(id)
  if (actor.kind !== 'admin' && actor.userId !== record.authorId) {
    throw new DomainError('forbidden', 'not_author', 'only the author can delete')
  }
  // Event first: if marking fails, a retried DELETE resends it (the consumer is idempotent).
  const event: PostDeletedEvent = { type: 'post.deleted', postId: id, authorId: record.authorId, deletedAt }
  await env.POST_INGEST.send(event)
  if (!(await postShards(env).stubFor(id).markDeleted(id, deletedAt))) throw postNotFound(id)
}
