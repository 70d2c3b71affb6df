// Upstream RankingScorer arithmetic, weighted mode (x-algorithm-facts §4.3 steps 1–4), for one candidate.
// Pure and per-candidate: a post's weighted score never depends on the other candidates.
import { type ActionName, type DiscreteAction, isDiscreteAction } from '../phoenix/actions.ts'
import type { FeedCandidate } from '../types/feed.ts'
import type { HeadGate, HeadTerm, WeightedScoreExplanation } from './explanation.ts'
import type { PhoenixPrediction } from './ranking-candidate.ts'
import { RANKED_HEADS, type RankingParams, weightSums } from './ranking-params.ts'

/** Whether the bidirectional-follow boosts apply: a mutual-follow author, on a post that is neither a reply nor a repost (quotes stay eligible). */
export function replyBoostApplies(post: FeedCandidate, mutualFollow: boolean): boolean {
  return mutualFollow && !post.isReply && !post.isRepost
}

function gateFor(head: ActionName, post: FeedCandidate, params: RankingParams): HeadGate | undefined {
  if (head === 'vqv') {
    const long = post.media === 'video' && (post.videoDurationMs ?? 0) >= params.minVideoDurationMs
    return long ? undefined : 'video_too_short'
  }
  if (head === 'post_unexplored' && params.postUnexploredInNetworkOnly && !post.inNetwork) {
    return 'out_of_network'
  }
  return undefined
}

function predicted(head: ActionName, p: PhoenixPrediction): number | null {
  if (isDiscreteAction(head)) return p.probs[head as DiscreteAction]
  return head === 'dwell_time' ? p.dwellSeconds : null
}

/**
 * Steps 1–4: term_i = value_i × weight_i (0 when missing or gated); split by sign; then the offset:
 * combined + offset when combined ≥ 0, else (combined + negative_sum) / total_sum × offset, which maps
 * negative scores into (0, offset); max(combined, 0) when total_sum is 0.
 */
export function weightedScore(
  post: FeedCandidate,
  prediction: PhoenixPrediction,
  mutualFollow: boolean,
  params: RankingParams,
): WeightedScoreExplanation {
  const boosted = replyBoostApplies(post, mutualFollow)
  const heads: HeadTerm[] = []
  let positive = 0
  let negative = 0
  for (const head of RANKED_HEADS) {
    let weight = params.weights[head]
    if (boosted && head === 'reply') weight += params.bidirectionalReplyBoost
    if (boosted && head === 'dwell') weight += params.bidirectionalDwellBoost
    const value = predicted(head, prediction)
    const gatedBy = value === null ? 'not_predicted' : gateFor(head, post, params)
    const term = value === null || gatedBy ? 0 : value * weight
    heads.push(gatedBy ? { head, value, weight, term, gatedBy } : { head, value, weight, term })
    if (term >= 0) positive += term
    else negative -= term
  }
  const combined = positive - negative
  const sums = weightSums(params.weights)
  const offset = params.negativeScoresOffset
  let score: number
  if (sums.total === 0) score = Math.max(combined, 0)
  else if (combined < 0) score = ((combined + sums.negative) / sums.total) * offset
  else score = combined + offset
  return {
    heads,
    positive,
    negative,
    combined,
    replyBoosted: boosted,
    negativeMapped: sums.total !== 0 && combined < 0,
    weightedScore: score,
  }
}
