// Upstream's Video filter: drops video posts when the request excludes video.
import type { Filter } from '../../../shared/pipeline/stage-types.ts'
import type { PipelineCandidate } from '../feed-candidate'
import type { FeedQuery } from '../feed-query'
import { partition } from './partition'

export const videoFilter: Filter<FeedQuery, PipelineCandidate> = {
  name: 'VideoFilter',
  enable: (q) => q.excludeVideos,
  filter: (_q, candidates) => partition(candidates, (c) => c.media !== 'video'),
}
