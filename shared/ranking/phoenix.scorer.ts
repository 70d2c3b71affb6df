// PhoenixScorer: asks the injected engine (browser worker pool, or the TypeScript reference at the edge)
// for every candidate's head probabilities and predicted dwell, in one call.
import { DISCRETE_ACTIONS, type DiscreteAction } from '../phoenix/actions.ts'
import { candidateFailure, type PerCandidate, type Scorer } from '../pipeline/stage-types.ts'
import type { PhoenixPrediction, RankingCandidate, RankingQuery } from './ranking-candidate.ts'
import type { PhoenixScoreEngine } from './score-engine.ts'

const A = DISCRETE_ACTIONS.length

export function phoenixScorer(
  engine: PhoenixScoreEngine,
): Scorer<RankingQuery, RankingCandidate, PhoenixPrediction> {
  return {
    name: 'PhoenixScorer',
    async score(q, candidates): Promise<PerCandidate<PhoenixPrediction>> {
      if (candidates.length === 0) return []
      const out = await engine.score(
        q.viewer,
        candidates.map((c) => c.post),
        q.nowMs,
      )
      const n = candidates.length
      // A wrongly shaped reply cannot be attributed to candidates: fail the whole component.
      if (out.probs.length !== n * A || out.dwellSeconds.length !== n) {
        throw new Error(
          `${engine.name}: expected ${n}×${A} probs and ${n} dwell, got ${out.probs.length} and ${out.dwellSeconds.length}`,
        )
      }
      return candidates.map((_, i) => {
        const row = out.probs.subarray(i * A, (i + 1) * A)
        const dwellSeconds = out.dwellSeconds[i]!
        if (!row.every(Number.isFinite) || !Number.isFinite(dwellSeconds)) {
          return candidateFailure(`${engine.name}: non-finite output`)
        }
        const probs = {} as Record<DiscreteAction, number>
        DISCRETE_ACTIONS.forEach((action, k) => {
          probs[action] = row[k]!
        })
        return { probs, dwellSeconds, engine: engine.name }
      })
    },
    update: (c, phoenix) => ({ ...c, phoenix }),
  }
}
