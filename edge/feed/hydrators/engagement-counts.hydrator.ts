// Upstream's EngagementCounts: favorites, replies, reposts, quotes and views from the post store's
// counters; a repost carries its original's counts (it is ranked as the original).

import type { Hydrator } from '../../../shared/pipeline/stage-types.ts'
import { candidateFailure } from '../../../shared/pipeline/stage-types.ts'
import type { EngagementCounts } from '../../../shared/types/domain.ts'
import type { PipelineCandidate } from '../feed-candidate'
import type { FeedQuery } from '../feed-query'

export const engagementCountsHydrator: Hydrator<FeedQuery, PipelineCandidate, EngagementCounts> = {
  name: 'EngagementCountsHydrator',
  async hydrate(q, candidates) {
    const posts = await q.lookups.posts.getMany(candidates.map((c) => c.postId))
    const originals = await q.lookups.posts.getMany(
      [...posts.values()].flatMap((p) => (p.repostOfId === undefined ? [] : [p.repostOfId])),
    )
    return candidates.map((c) => {
      const p = posts.get(c.postId)
      const counted = p?.repostOfId === undefined ? p : originals.get(p.repostOfId)
      return counted === undefined ? candidateFailure('no counts') : { ...counted.counts }
    })
  },
  update: (c, counts) => Object.assign(c, { counts }),
}
