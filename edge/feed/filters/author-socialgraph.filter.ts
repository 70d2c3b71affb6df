// Upstream's AuthorSocialgraph filter, fail-closed, both directions: drops a candidate when the viewer
// blocks or mutes any author involved (serving, original, quoted, replied-to), or any of them blocks the
// viewer (a mute is one-way: blocked-by.query-hydrator.ts). Without those lists it cannot judge, so it throws and drops everything.
import type { Filter } from '../../../shared/pipeline/stage-types.ts'
import type { PipelineCandidate } from '../feed-candidate'
import { type FeedQuery, required } from '../feed-query'
import { partition } from './partition'

export const involvedUserIds = (c: PipelineCandidate): string[] =>
  [c.servingAuthorId, c.authorId, c.quotedAuthorId, c.replyToUserId].filter(
    (id): id is string => id !== undefined,
  )

export const authorSocialgraphFilter: Filter<FeedQuery, PipelineCandidate> = {
  name: 'AuthorSocialgraphFilter',
  onError: 'fail-closed',
  filter(q, candidates) {
    const lists = [
      required(q.blockedIds, 'blockedIds'),
      required(q.mutedIds, 'mutedIds'),
      required(q.blockedByIds, 'blockedByIds'),
    ]
    return partition(candidates, (c) => !involvedUserIds(c).some((id) => lists.some((l) => l.has(id))))
  },
}
