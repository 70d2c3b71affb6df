// Upstream's PreviouslySeenPosts: the post, or the original it reposts, was already seen.
import type { Filter } from '../../../shared/pipeline/stage-types.ts'
import { originalPostId, type PipelineCandidate } from '../feed-candidate'
import { type FeedQuery, required } from '../feed-query'
import { partition } from './partition'

export const previouslySeenFilter: Filter<FeedQuery, PipelineCandidate> = {
  name: 'PreviouslySeenPostsFilter',
  filter(q, candidates) {
    const seen = required(q.seenIds, 'seenIds')
    return partition(candidates, (c) => !seen.has(c.postId) && !seen.has(originalPostId(c)))
  },
}
