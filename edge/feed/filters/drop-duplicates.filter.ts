// Upstream's DropDuplicates: the same post from more than one source; the first source's copy stays.
import type { Filter } from '../../../shared/pipeline/stage-types.ts'
import type { PipelineCandidate } from '../feed-candidate'
import type { FeedQuery } from '../feed-query'
import { partition } from './partition'

export const dropDuplicatesFilter: Filter<FeedQuery, PipelineCandidate> = {
  name: 'DropDuplicatesFilter',
  filter(_q, candidates) {
    const seen = new Set<string>()
    return partition(candidates, (c) => {
      if (seen.has(c.postId)) return false
      seen.add(c.postId)
      return true
    })
  },
}
