// RankingScorer: the weighted score of §4.3 steps 1–4 becomes each candidate's running score. The later
// steps (new-author boost, author diversity, OON factor) are their own scorers, run after this one.
import { candidateFailure, type Scorer } from '../pipeline/stage-types.ts'
import type { WeightedScoreExplanation } from './explanation.ts'
import type { RankingCandidate, RankingQuery } from './ranking-candidate.ts'
import { weightedScore } from './weighted-score.ts'

export const rankingScorer: Scorer<RankingQuery, RankingCandidate, WeightedScoreExplanation> = {
  name: 'RankingScorer',
  async score(q, candidates) {
    const mutual = new Set(q.viewer.mutualFollowIds)
    return candidates.map((c) => {
      // No prediction (the engine failed for this post): no score, so the selector sinks it.
      if (!c.phoenix) return candidateFailure('no Phoenix prediction')
      const isMutual = c.post.authorIsMutualFollow || mutual.has(c.post.authorId)
      return weightedScore(c.post, c.phoenix, isMutual, q.params)
    })
  },
  update: (c, weighted) => ({ ...c, weighted, score: weighted.weightedScore }),
}
