// Upstream's OONRetweetReply filter: replies and reposts only from followed accounts. (Its other half,
// replies whose parent is missing, is Thunder's reply rule: in-network replies reach us only with their
// parent in the store.)
import type { Filter } from '../../../shared/pipeline/stage-types.ts'
import type { PipelineCandidate } from '../feed-candidate'
import type { FeedQuery } from '../feed-query'
import { partition } from './partition'

export const oonRepostReplyFilter: Filter<FeedQuery, PipelineCandidate> = {
  name: 'OonRepostReplyFilter',
  filter: (_q, candidates) => partition(candidates, (c) => c.inNetwork || (!c.isReply && !c.isRepost)),
}
