// The ranking pipeline's one typed, versioned parameter set. Defaults are upstream home-mixer's
// (x-algorithm-facts §4.1 constants, §4.2 param.rs defaults, §7 VMRanker DPP); a change to any default is
// a new version, so traces and explanations say which arithmetic produced a score.
import { type ActionName, CONTINUOUS_ACTIONS, DISCRETE_ACTIONS } from '../phoenix/actions.ts'
import type { SafetyLevel } from './visibility-rules.ts'

/**
 * The 26 heads the RankingScorer sums, in upstream's order (§1.8): the 23 discrete heads under our action
 * names (upstream `retweet` is our `repost`) and the three continuous ones, of which the ranker predicts
 * only `dwell_time`; the other two are always missing (term 0, weight 0 upstream).
 */
export const RANKED_HEADS = [
  ...DISCRETE_ACTIONS.slice(0, DISCRETE_ACTIONS.indexOf('follow_author')),
  'dwell_time',
  'click_dwell_time',
  'active_secs_5m_residual_norm',
  ...DISCRETE_ACTIONS.slice(DISCRETE_ACTIONS.indexOf('follow_author')),
] as const satisfies readonly ActionName[]

export type HeadWeights = Readonly<Record<ActionName, number>>

export interface RankingParams {
  /** Names this parameter set in traces and explanations. */
  readonly version: string
  /** Upstream `*Weight` params; the continuous ones multiply predicted seconds. */
  readonly weights: HeadWeights
  /** Added to the reply weight for mutual-follow authors on posts that are neither replies nor reposts. */
  readonly bidirectionalReplyBoost: number
  /** Added to the binary dwell weight under the same condition (upstream default 0). */
  readonly bidirectionalDwellBoost: number
  /** `NEGATIVE_SCORES_OFFSET`: added to non-negative scores; negative ones map into (0, offset). */
  readonly negativeScoresOffset: number
  /** The vqv term counts only for videos at least this long. */
  readonly minVideoDurationMs: number
  /** `PostUnexploredWeightInNetworkOnly`: the post_unexplored term only for in-network candidates. */
  readonly postUnexploredInNetworkOnly: boolean
  readonly coldStart: {
    readonly enabled: boolean
    /** Candidates with this many views or more are not new. */
    readonly impressionThreshold: number
    /** 0-based positions in the descending score list; the target is drawn from [slotMin, slotMax). */
    readonly slotMin: number
    readonly slotMax: number
    readonly followerCap: number
    /** Upstream's treatment arm also requires age ≤ maxPostAgeSecs; off by default (control arm). */
    readonly requireMaxPostAge: boolean
    readonly maxPostAgeSecs: number
    /** Position among non-zero scores must be below this fraction of their count. */
    readonly maxPositionRatio: number
  }
  readonly authorDiversity: { readonly enabled: boolean; readonly decay: number; readonly floor: number }
  readonly outOfNetwork: {
    readonly factor: number
    /** `EnableOonRescoreForInNetworkRepliesRetweets`: in-network replies and reposts get the factor too. */
    readonly inNetworkRepliesAndReposts: boolean
  }
  readonly diversityRerank: {
    readonly enabled: boolean
    /** `VMRankerDppTheta`: 0 = similarity only, → 1 = score only. Must be in [0, 1). */
    readonly theta: number
    /** `VMRankerDppMaxSelectedRank`: only the top this-many by score enter the DPP; the rest get 0. */
    readonly maxSelectedRank: number
    /** How many the greedy DPP selects (ours: the top-K size, so the DPP decides which posts top-K keeps). */
    readonly slateSize: number
  }
  /** Which visibility rules the post-selection filter applies (For You: home recommendations). */
  readonly safetyLevel: SafetyLevel
  /** `TOP_K_CANDIDATES_TO_SELECT`. */
  readonly topK: number
  /** `RESULT_SIZE`. */
  readonly resultSize: number
}

export const UPSTREAM_WEIGHTS: HeadWeights = Object.freeze({
  favorite: 0.5,
  reply: 5.0,
  repost: 1.0,
  photo_expand: 0.05,
  video_open: 0.05,
  click: 0.4,
  open_link: 0.2,
  profile_click: 0.0,
  vqv: 0.05,
  share: 2.0,
  share_via_dm: 5.0,
  share_via_copy_link: 20.0,
  dwell: 0.0,
  quote: 5.0,
  quoted_click: 0.05,
  quoted_vqv: 0.0,
  dwell_time: 0.004,
  click_dwell_time: 0.0,
  active_secs_5m_residual_norm: 0.0,
  follow_author: 4.0,
  not_interested: -43.2,
  block_author: -31.2,
  mute_author: -58.8,
  report: -234.0,
  not_dwelled: -0.02,
  post_unexplored: 0.02,
})

export const DEFAULT_RANKING_PARAMS: RankingParams = Object.freeze({
  version: 'home-mixer-625f9e30/weighted/v1',
  weights: UPSTREAM_WEIGHTS,
  bidirectionalReplyBoost: 15.0,
  bidirectionalDwellBoost: 0.0,
  negativeScoresOffset: 0.001,
  minVideoDurationMs: 10_000,
  postUnexploredInNetworkOnly: true,
  coldStart: Object.freeze({
    enabled: true,
    impressionThreshold: 1000,
    slotMin: 15,
    slotMax: 16,
    followerCap: 1000,
    requireMaxPostAge: false,
    maxPostAgeSecs: 86_400,
    maxPositionRatio: 0.85,
  }),
  authorDiversity: Object.freeze({ enabled: true, decay: 0.5, floor: 0.25 }),
  outOfNetwork: Object.freeze({ factor: 0.75, inNetworkRepliesAndReposts: true }),
  diversityRerank: Object.freeze({ enabled: true, theta: 0.65, maxSelectedRank: 150, slateSize: 50 }),
  safetyLevel: 'timeline_home_recommendations',
  topK: 50,
  resultSize: 35,
})

export interface WeightSums {
  /** Σ of the positive discrete-head weights (post_unexplored included: it is additive here). */
  positive: number
  /** −Σ of the negative discrete-head weights. */
  negative: number
  total: number
}

const CONTINUOUS: ReadonlySet<ActionName> = new Set(CONTINUOUS_ACTIONS)

/** §4.3 step 3: the normalisation constants; continuous weights are not part of them. */
export function weightSums(weights: HeadWeights): WeightSums {
  let positive = 0
  let negative = 0
  for (const head of RANKED_HEADS) {
    if (CONTINUOUS.has(head)) continue
    const w = weights[head]
    if (w > 0) positive += w
    else negative -= w
  }
  return { positive, negative, total: positive + negative }
}

/** 43.32 / 367.22 / 410.54 at the defaults (floating-point sums, so compare with a tolerance). */
export const DEFAULT_WEIGHT_SUMS: Readonly<WeightSums> = Object.freeze(weightSums(UPSTREAM_WEIGHTS))

/** Overrides on top of the defaults; nested groups merge field by field. */
export interface RankingParamsOverrides
  extends Partial<
    Omit<RankingParams, 'weights' | 'coldStart' | 'authorDiversity' | 'outOfNetwork' | 'diversityRerank'>
  > {
  weights?: Partial<Record<ActionName, number>>
  coldStart?: Partial<RankingParams['coldStart']>
  authorDiversity?: Partial<RankingParams['authorDiversity']>
  outOfNetwork?: Partial<RankingParams['outOfNetwork']>
  diversityRerank?: Partial<RankingParams['diversityRerank']>
}

/** A parameter set derived from the defaults; give it a new `version` when it is served. */
export function rankingParams(
  over: RankingParamsOverrides = {},
  base = DEFAULT_RANKING_PARAMS,
): RankingParams {
  return {
    ...base,
    ...over,
    weights: { ...base.weights, ...over.weights },
    coldStart: { ...base.coldStart, ...over.coldStart },
    authorDiversity: { ...base.authorDiversity, ...over.authorDiversity },
    outOfNetwork: { ...base.outOfNetwork, ...over.outOfNetwork },
    diversityRerank: { ...base.diversityRerank, ...over.diversityRerank },
  }
}
