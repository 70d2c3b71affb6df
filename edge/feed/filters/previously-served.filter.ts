// Upstream's PreviouslyServedPosts (on for all requests): drops a candidate if any related post id — the
// post, the original it reposts, the post it quotes — was served to the viewer within the window the
// served ids are kept (48 h here; upstream's client-sent window is 10 min).
import type { Filter } from '../../../shared/pipeline/stage-types.ts'
import type { PipelineCandidate } from '../feed-candidate'
import { type FeedQuery, required } from '../feed-query'
import { partition } from './partition'

export const relatedPostIds = (c: PipelineCandidate): string[] =>
  [c.postId, c.repostOfPostId, c.quoteOfPostId].filter((id): id is string => id !== undefined)

export const previouslyServedFilter: Filter<FeedQuery, PipelineCandidate> = {
  name: 'PreviouslyServedPostsFilter',
  filter(q, candidates) {
    const served = required(q.servedIds, 'servedIds')
    return partition(candidates, (c) => !relatedPostIds(c).some((id) => served.has(id)))
  },
}
