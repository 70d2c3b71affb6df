// Upstream's InNetwork hydrator: the serving author (the reposter, for a repost) is followed.
import type { Hydrator } from '../../../shared/pipeline/stage-types.ts'
import type { PipelineCandidate } from '../feed-candidate'
import { type FeedQuery, required } from '../feed-query'

export const inNetworkHydrator: Hydrator<FeedQuery, PipelineCandidate, boolean> = {
  name: 'InNetworkHydrator',
  async hydrate(q, candidates) {
    const followed = required(q.followedIds, 'followedIds')
    return candidates.map((c) => followed.has(c.servingAuthorId))
  },
  update: (c, inNetwork) => Object.assign(c, { inNetwork }),
}
