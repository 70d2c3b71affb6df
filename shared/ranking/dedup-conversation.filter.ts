// DedupConversationFilter: collapses branches of one conversation, keeping its highest-scored post (the
// first in input order on ties). Not a safety filter, so it fails open.
import type { Filter } from '../pipeline/stage-types.ts'
import type { RankingCandidate, RankingQuery } from './ranking-candidate.ts'

const rank = (c: RankingCandidate): number =>
  c.score !== undefined && Number.isFinite(c.score) ? c.score : Number.NEGATIVE_INFINITY

export const dedupConversationFilter: Filter<RankingQuery, RankingCandidate> = {
  name: 'DedupConversationFilter',
  filter(_q, candidates) {
    const best = new Map<string, RankingCandidate>()
    for (const c of candidates) {
      const seen = best.get(c.post.conversationId)
      if (!seen || rank(c) > rank(seen)) best.set(c.post.conversationId, c)
    }
    const kept: RankingCandidate[] = []
    const removed: RankingCandidate[] = []
    for (const c of candidates) (best.get(c.post.conversationId) === c ? kept : removed).push(c)
    return { kept, removed }
  },
}
