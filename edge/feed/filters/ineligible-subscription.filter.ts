// Upstream's IneligibleSubscription filter: subscriber-only posts the viewer cannot read. We store no
// subscriptions to authors, so no viewer can read another author's subscriber-only post.
import type { Filter } from '../../../shared/pipeline/stage-types.ts'
import type { PipelineCandidate } from '../feed-candidate'
import type { FeedQuery } from '../feed-query'
import { partition } from './partition'

export const ineligibleSubscriptionFilter: Filter<FeedQuery, PipelineCandidate> = {
  name: 'IneligibleSubscriptionFilter',
  filter: (q, candidates) => partition(candidates, (c) => !c.subscriberOnly || c.authorId === q.viewerId),
}
