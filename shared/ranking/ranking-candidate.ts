// The ranking pipeline's query and candidate types. A RankingCandidate wraps the edge's FeedCandidate
// (never modified) with what each scorer adds; stages return new objects rather than writing into old ones.
import type { DiscreteAction } from '../phoenix/actions.ts'
import type { FeedCandidate, FeedViewer } from '../types/feed.ts'
import type { ScoreAdjustment, VisibilityVerdict, WeightedScoreExplanation } from './explanation.ts'
import type { RankingParams } from './ranking-params.ts'

export interface RankingQuery {
  viewer: FeedViewer
  /** Post ages and the cold-start age rule are relative to this. */
  nowMs: number
  params: RankingParams
  /** What the edge's candidate pipeline returned, already filtered for this viewer. */
  candidates: readonly FeedCandidate[]
}

export interface PhoenixPrediction {
  /** Probability per discrete head. */
  probs: Readonly<Record<DiscreteAction, number>>
  dwellSeconds: number
  engine: string
}

export interface RankingCandidate {
  post: FeedCandidate
  phoenix?: PhoenixPrediction
  weighted?: WeightedScoreExplanation
  /** The running score: set by the RankingScorer, then adjusted by the later scorers. */
  score?: number
  adjustments: readonly ScoreAdjustment[]
  visibility?: VisibilityVerdict
}

/** What an adjusting scorer returns per candidate; null leaves it as it is (e.g. it has no score). */
export type ScoreUpdate = { score: number; adjustment?: ScoreAdjustment } | null

export function applyScoreUpdate(c: RankingCandidate, u: ScoreUpdate): RankingCandidate {
  if (u === null) return c
  return {
    ...c,
    score: u.score,
    adjustments: u.adjustment ? [...c.adjustments, u.adjustment] : c.adjustments,
  }
}

export const scoreOf = (c: RankingCandidate): number | undefined => c.score

/** Ordinal for reasons: 1st, 2nd, 3rd, 4th, … */
export function ordinal(n: number): string {
  const tens = n % 100
  if (tens >= 11 && tens <= 13) return `${n}th`
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`
}
