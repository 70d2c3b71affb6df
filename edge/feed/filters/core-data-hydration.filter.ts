// Upstream's CoreDataHydration: drops a post whose core data did not load (deleted, never stored), and a
// repost whose original is gone.
import type { Filter } from '../../../shared/pipeline/stage-types.ts'
import type { PipelineCandidate } from '../feed-candidate'
import type { FeedQuery } from '../feed-query'
import { partition } from './partition'

export const coreDataHydrationFilter: Filter<FeedQuery, PipelineCandidate> = {
  name: 'CoreDataHydrationFilter',
  filter: (_q, candidates) => partition(candidates, (c) => c.coreDataHydrated && !c.sourceMissing),
}
