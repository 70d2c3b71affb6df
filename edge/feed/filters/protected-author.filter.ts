// Visibility's "protected author" rule, moved before scoring and fail-closed: candidates leave the edge
// for the browser, so a protected account's post may reach only its followers. A candidate whose author
// facts did not load cannot be judged and is dropped.
import type { Filter } from '../../../shared/pipeline/stage-types.ts'
import type { PipelineCandidate } from '../feed-candidate'
import { type FeedQuery, required } from '../feed-query'
import { partition } from './partition'

export const protectedAuthorFilter: Filter<FeedQuery, PipelineCandidate> = {
  name: 'ProtectedAuthorFilter',
  onError: 'fail-closed',
  filter(q, candidates) {
    const followed = required(q.followedIds, 'followedIds')
    return partition(
      candidates,
      (c) => c.protectedAuthorIds?.every((id) => id === q.viewerId || followed.has(id)) === true,
    )
  },
}
