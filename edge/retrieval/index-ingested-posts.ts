// The retrieval index's ingest hook (until Grox's post-embedding plan owns it): for one consumer batch,
// removes deleted posts and embeds + upserts created ones in one post-tower pass. Idempotent: an upsert
// replaces the same vector, a removed id stays removed, so redelivery changes nothing.

import type { Env } from '../env'
import { candidateInputOf } from '../models/candidate-input'
import { embedPosts, postTower } from '../models/edge-models'
import { lookupPosts } from '../posts/post-client'
import { RETRIEVAL_LIMITS } from './retrieval-config'
import { retrievalIndex } from './retrieval-index'

export interface IndexingOutcome {
  embedded: number
  removed: number
  /** Created posts the index does not take: reposts (no content of their own), expired, deleted or unknown. */
  skipped: number
}

export async function indexIngestedPosts(
  env: Env,
  createdIds: readonly string[],
  deletedIds: readonly string[],
  now = Date.now(),
): Promise<IndexingOutcome> {
  const index = retrievalIndex(env)
  // Removal first: a delete sharing the batch with its create must win (the shard then refuses the upsert).
  await index.remove(deletedIds)
  const deleted = new Set(deletedIds)
  const wanted = [...new Set(createdIds)].filter((id) => !deleted.has(id))
  if (wanted.length === 0) return { embedded: 0, removed: deletedIds.length, skipped: createdIds.length }
  const records = await lookupPosts(env, wanted)
  const posts = [...records.values()].filter(
    (p) =>
      p.deletedAt === undefined &&
      p.repostOfId === undefined &&
      p.createdAt >= now - RETRIEVAL_LIMITS.retentionMs,
  )
  if (posts.length > 0) {
    const embeddings = embedPosts(
      await postTower(env),
      posts.map((p) => candidateInputOf(p, false)),
      now,
    )
    await index.upsert(
      posts.map((p, i) => ({
        postId: p.id,
        authorId: p.authorId,
        createdAt: p.createdAt,
        embedding: embeddings[i]!,
      })),
    )
  }
  return { embedded: posts.length, removed: deletedIds.length, skipped: createdIds.length - posts.length }
}
