// The ranking pipeline's only source: the candidates the edge's candidate pipeline already sourced,
// hydrated and filtered for this viewer, each wrapped so scorers can add to it without touching it.
import type { Source } from '../pipeline/stage-types.ts'
import type { RankingCandidate, RankingQuery } from './ranking-candidate.ts'

export const feedCandidatesSource: Source<RankingQuery, RankingCandidate> = {
  name: 'FeedCandidatesSource',
  async source(q) {
    return q.candidates.map((post) => ({ post, adjustments: [] }))
  },
}
