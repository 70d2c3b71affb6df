// For callers without a browser (GET /v1/feed): the viewer's user-tower embedding computed at the edge from
// the hydrated history, so the retrieval source can run. When it fails the popular fallback sources instead.
import type { QueryHydrator } from '../../../shared/pipeline/stage-types.ts'
import type { Env } from '../../env'
import { edgeModels } from '../../models/edge-models'
import { type FeedQuery, required } from '../feed-query'

export function userEmbeddingHydrator(env: Env): QueryHydrator<FeedQuery, Float32Array> {
  return {
    name: 'UserEmbeddingQueryHydrator',
    enable: (q) => q.computeUserEmbedding && q.userEmbedding === undefined,
    async hydrate(q) {
      const history = required(q.history, 'history')
      const models = await edgeModels(env)
      return models.userEmbedding({ userId: q.viewerId, history, mutualFollowIds: [] }, q.nowMs)
    },
    update: (q, userEmbedding) => ({ ...q, userEmbedding }),
  }
}
