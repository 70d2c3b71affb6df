// Diversity rerank in the spirit of upstream's VMRanker "dpp" model (§7): the top `maxSelectedRank` by
// score enter a greedy DPP over their post embeddings; the picked keep their score, everything else (the
// near-duplicates of better posts, and everything below the window) gets 0, so top-K drops it.
// Candidates without an embedding are treated as orthogonal to every other post (upstream gives them a
// hash-derived random unit vector, "roughly orthogonal to everything"): they are neither penalised nor
// penalise others, and are picked by score alone. Unscored (non-finite) candidates are left as they are.
import { sortByScoreDescending } from '../pipeline/select.ts'
import type { Scorer } from '../pipeline/stage-types.ts'
import { greedyDpp, unitEmbedding } from './greedy-dpp.ts'
import {
  applyScoreUpdate,
  ordinal,
  type RankingCandidate,
  type RankingQuery,
  type ScoreUpdate,
} from './ranking-candidate.ts'

export const diversityRerankScorer: Scorer<RankingQuery, RankingCandidate, ScoreUpdate> = {
  name: 'DiversityRerankScorer',
  enable: (q) => q.params.diversityRerank.enabled,
  async score(q, candidates) {
    const { theta, maxSelectedRank, slateSize } = q.params.diversityRerank
    const ranked = sortByScoreDescending(
      candidates.map((c, i) => ({ c, i })),
      (x) => x.c.score,
    ).filter((x) => Number.isFinite(x.c.score))
    const window = ranked.slice(0, maxSelectedRank)
    const dim = window.find((x) => x.c.post.embedding?.length)?.c.post.embedding?.length ?? 0
    // Relevance is the score relative to the window's best, so θ means the same at any score scale.
    const best = Math.max(0, ...window.map((x) => x.c.score!))
    const selection = greedyDpp(
      window.map((x) => ({
        relevance: best > 0 ? x.c.score! / best : 0,
        embedding: unitEmbedding(x.c.post.embedding, dim),
      })),
      theta,
      slateSize,
    )
    const pickedAt = new Map<number, number>()
    selection.order.forEach((w, rank) => {
      pickedAt.set(w, rank)
    })
    const out: ScoreUpdate[] = candidates.map((c) =>
      c.score === undefined || !Number.isFinite(c.score) ? null : { score: c.score },
    )
    ranked.forEach(({ c, i }, w) => {
      const before = c.score!
      const rank = pickedAt.get(w)
      if (rank !== undefined) {
        const residual = selection.residual[rank]!
        const reason = `picked ${ordinal(rank + 1)} by the diversity rerank (${Math.round(residual * 100)}% novel)`
        out[i] = { score: before, adjustment: { kind: 'diversity_rerank', before, after: before, reason } }
        return
      }
      const reason =
        w >= maxSelectedRank
          ? `below the top ${maxSelectedRank} the diversity rerank considers`
          : selection.order.length >= slateSize
            ? `the diversity rerank's slate of ${slateSize} filled with more relevant or more novel posts`
            : 'not picked by the diversity rerank: too similar to posts already picked'
      out[i] = { score: 0, adjustment: { kind: 'diversity_rerank', before, after: 0, reason } }
    })
    return out
  },
  update: applyScoreUpdate,
}
