// Author diversity (§4.3 step 6): in descending score order, the k-th earlier post by the same (serving)
// author multiplies this one's score by (1 − floor)·decay^k + floor: 1, 0.625, 0.4375, 0.34375, … at defaults.
import { sortByScoreDescending } from '../pipeline/select.ts'
import type { Scorer } from '../pipeline/stage-types.ts'
import {
  applyScoreUpdate,
  ordinal,
  type RankingCandidate,
  type RankingQuery,
  type ScoreUpdate,
} from './ranking-candidate.ts'

export function authorDiversityMultiplier(k: number, decay: number, floor: number): number {
  return (1 - floor) * decay ** k + floor
}

export const authorDiversityScorer: Scorer<RankingQuery, RankingCandidate, ScoreUpdate> = {
  name: 'AuthorDiversityScorer',
  enable: (q) => q.params.authorDiversity.enabled,
  async score(q, candidates) {
    const { decay, floor } = q.params.authorDiversity
    const out: ScoreUpdate[] = candidates.map((c) => (c.score === undefined ? null : { score: c.score }))
    // Ties keep input order; unscored candidates sink and are left alone.
    const order = sortByScoreDescending(
      candidates.map((c, i) => ({ c, i })),
      (x) => x.c.score,
    )
    const seen = new Map<string, number>()
    for (const { c, i } of order) {
      if (c.score === undefined) continue
      const k = seen.get(c.post.authorId) ?? 0
      seen.set(c.post.authorId, k + 1)
      if (k === 0) continue
      const factor = authorDiversityMultiplier(k, decay, floor)
      const after = c.score * factor
      out[i] = {
        score: after,
        adjustment: {
          kind: 'author_diversity',
          before: c.score,
          after,
          factor,
          reason: `${ordinal(k + 1)} post by this author in score order`,
        },
      }
    }
    return out
  },
  update: applyScoreUpdate,
}
