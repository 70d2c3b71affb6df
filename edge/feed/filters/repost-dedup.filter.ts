// Upstream's RetweetDeduplication (default mode): one candidate per original post; the first one wins,
// whether it is the original or a repost of it.
import type { Filter } from '../../../shared/pipeline/stage-types.ts'
import { originalPostId, type PipelineCandidate } from '../feed-candidate'
import type { FeedQuery } from '../feed-query'
import { partition } from './partition'

export const repostDedupFilter: Filter<FeedQuery, PipelineCandidate> = {
  name: 'RepostDedupFilter',
  filter(_q, candidates) {
    const seen = new Set<string>()
    return partition(candidates, (c) => {
      const key = originalPostId(c)
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
  },
}
