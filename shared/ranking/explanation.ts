// "Why am I seeing this post": the explanation every ranked item carries. Plain JSON, built by the
// ranking pipeline at the edge or in the browser, so both render the same thing.
import type { ActionName } from '../phoenix/actions.ts'
import type { FeedSource } from '../types/feed.ts'

/** Why a head's term was left out of the sum. */
export type HeadGate =
  /** vqv on a post that is not a video, or a video shorter than `minVideoDurationMs`. */
  | 'video_too_short'
  /** post_unexplored on an out-of-network candidate (`postUnexploredInNetworkOnly`). */
  | 'out_of_network'
  /** The engine has no output for this head (click_dwell_time, active_secs_5m_residual_norm). */
  | 'not_predicted'

export interface HeadTerm {
  head: ActionName
  /** Probability, or predicted seconds for dwell_time; null when the engine does not predict the head. */
  value: number | null
  weight: number
  /** value × weight, or 0 when gated. */
  term: number
  gatedBy?: HeadGate
}

/** §4.3 steps 1–4 for one candidate. */
export interface WeightedScoreExplanation {
  heads: HeadTerm[]
  /** Σ of non-negative terms. */
  positive: number
  /** Σ of |negative terms|. */
  negative: number
  /** positive − negative. */
  combined: number
  /** The bidirectional-follow boost was added to the reply (and dwell) weight. */
  replyBoosted: boolean
  /** combined < 0, so the score was mapped into (0, offset). */
  negativeMapped: boolean
  /** The step-4 value: the `weighted_score`. */
  weightedScore: number
}

export type AdjustmentKind = 'new_author_boost' | 'author_diversity' | 'out_of_network' | 'diversity_rerank'

export interface ScoreAdjustment {
  kind: AdjustmentKind
  before: number
  after: number
  /** The multiplier, where the adjustment is one. */
  factor?: number
  /** A short human-readable reason, e.g. "3rd post by this author in score order". */
  reason: string
}

export type VisibilityAction = 'allow' | 'interstitial' | 'drop'

export interface VisibilityVerdict {
  action: VisibilityAction
  /** The labels that decided it: the dropping label, or every interstitial label. */
  reasons: string[]
}

export interface FeedItemExplanation {
  postId: string
  source: FeedSource
  inNetwork: boolean
  /** The Phoenix engine that produced the probabilities (null when it failed for this post). */
  engine: string | null
  paramsVersion: string
  weighted: WeightedScoreExplanation | null
  /** In the order they were applied. */
  adjustments: ScoreAdjustment[]
  finalScore: number
  /** 0-based position in the served list. */
  position: number
  /** Every label on the post, and what visibility made of them. */
  labels: string[]
  visibility: VisibilityVerdict
  /** The ranking pipeline's post-selection filters this post passed. */
  filtersPassed: string[]
}
