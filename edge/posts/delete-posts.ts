// Post deletion, beside creation: the author (or an admin) deletes; the core row is tombstoned, a
// post.deleted event tells every Thunder shard, and the cascade (delete-cascade.ts) takes its reposts
// and its counts on the posts it pointed at with it.
import { DomainError, postNotFound } from '../domain-error'
import type { Env, Principal } from '../env'
import { cascadeDeletes } from './delete-cascade'
import { lookupPosts, postShards } from './post-client'

/** Deletes post `id` as `actor` at `deletedAt`; throws not_found (unknown id) or forbidden (`not_author`). */
export async function deletePost(env: Env, id: string, actor: Principal, deletedAt: number): Promise<void> {
  const record = (await lookupPosts(env, [id])).get(id)
  if (record === undefined) throw postNotFound(id)
  if (actor.kind !== 'admin' && actor.userId !== record.authorId) {
    throw new DomainError('forbidden', 'not_author', 'only the author can delete')
  }
  // The store writes the tombstone and its event (in its outbox) together; if this send is lost, the
  // store's alarm sends it again.
  const event = await postShards(env).stubFor(id).markDeleted(id, deletedAt)
  if (event === undefined) throw postNotFound(id)
  await env.POST_INGEST.send(event)
  await cascadeDeletes(env, [id], deletedAt)
}
