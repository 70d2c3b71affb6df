// Upstream's SelfTweet filter: the viewer's own posts, and reposts of them (Thunder drops those too).
import type { Filter } from '../../../shared/pipeline/stage-types.ts'
import type { PipelineCandidate } from '../feed-candidate'
import type { FeedQuery } from '../feed-query'
import { partition } from './partition'

export const selfPostFilter: Filter<FeedQuery, PipelineCandidate> = {
  name: 'SelfPostFilter',
  filter: (q, candidates) =>
    partition(candidates, (c) => c.servingAuthorId !== q.viewerId && c.authorId !== q.viewerId),
}
