// Upstream's BidirectionalFollow hydrator: the serving author and the viewer follow each other.
import type { Hydrator } from '../../../shared/pipeline/stage-types.ts'
import type { PipelineCandidate } from '../feed-candidate'
import { type FeedQuery, required } from '../feed-query'

export const mutualFollowHydrator: Hydrator<FeedQuery, PipelineCandidate, boolean> = {
  name: 'BidirectionalFollowHydrator',
  async hydrate(q, candidates) {
    const mutual = required(q.mutualFollowIds, 'mutualFollowIds')
    return candidates.map((c) => mutual.has(c.servingAuthorId))
  },
  update: (c, authorIsMutualFollow) => Object.assign(c, { authorIsMutualFollow }),
}
