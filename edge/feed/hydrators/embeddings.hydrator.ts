// Post-tower embeddings from the retrieval index for the diversity rerank, keyed by the original post for a
// repost (as upstream's DPP store is). A post without one keeps none: the rerank has its own fallback.
import type { Hydrator } from '../../../shared/pipeline/stage-types.ts'
import type { Env } from '../../env'
import { retrievalIndex } from '../../retrieval/retrieval-index'
import type { PipelineCandidate } from '../feed-candidate'
import type { FeedQuery } from '../feed-query'

type EmbeddingField = { embedding?: number[] }

export function embeddingsHydrator(env: Env): Hydrator<FeedQuery, PipelineCandidate, EmbeddingField> {
  return {
    name: 'EmbeddingsHydrator',
    async hydrate(q, candidates) {
      const posts = await q.lookups.posts.getMany(candidates.map((c) => c.postId))
      const keyOf = (id: string) => posts.get(id)?.repostOfId ?? id
      const found = await retrievalIndex(env).embeddings(candidates.map((c) => keyOf(c.postId)))
      return candidates.map((c) => {
        const e = found.get(keyOf(c.postId))
        return e === undefined ? {} : { embedding: Array.from(e) }
      })
    },
    update: (c, field) => Object.assign(c, field),
  }
}
