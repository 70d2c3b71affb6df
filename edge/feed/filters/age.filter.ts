// Upstream's Age filter: nothing older than MAX_POST_AGE (48 h) at the query's time.
import type { Filter } from '../../../shared/pipeline/stage-types.ts'
import type { PipelineCandidate } from '../feed-candidate'
import type { FeedQuery } from '../feed-query'
import { partition } from './partition'

export const MAX_POST_AGE_MS = 48 * 60 * 60 * 1000

export const ageFilter: Filter<FeedQuery, PipelineCandidate> = {
  name: 'AgeFilter',
  filter: (q, candidates) => partition(candidates, (c) => q.nowMs - c.createdAtMs <= MAX_POST_AGE_MS),
}
