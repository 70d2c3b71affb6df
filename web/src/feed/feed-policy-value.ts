// The feed-level policy value behind the weight controls: the trained ranker's predictions for the held-out
// viewers' sessions of a small eval slice (measured once, policy-measure.ts) ranked by the ranking pipeline
// with the slider weights, and each served post valued under the world's truth with the DEFAULT weights
// (shared/eval/policy-value.ts). So the value function stays fixed while the ranking moves; at the default
// weights it is `models:eval`'s "ranking pipeline, trained ranker" row on the same slice.
import { trainedRankerPolicy } from '../../../shared/eval/eval-references.ts'
import { type PolicyValue, policyValues } from '../../../shared/eval/policy-value.ts'
import type { ReferenceInputs } from '../../../shared/eval/reference-inputs.ts'
import { DEFAULT_RANKING_PARAMS, type RankingParams } from '../../../shared/ranking/ranking-params.ts'

/** Policy sessions of held-out viewers and the ranker's pooled predictions for the slice's candidates. */
export interface MeasuredSlice {
  policy: ReferenceInputs['policy']
  /** Pooled over every session of the slice, [candidates × heads] and [candidates]. */
  probs: Float32Array
  dwellSeconds: Float32Array
  /** Eval sessions regenerated (the held-out viewers' are `policy.sessions`). */
  evalSessions: number
}

export interface FeedPolicyValues {
  /** Ranked with the given weights, valued with the defaults. */
  current: PolicyValue
  /** Ranked and valued with the defaults. */
  defaults: PolicyValue
}

async function policyValueOf(slice: MeasuredSlice, rank: RankingParams, value: RankingParams) {
  const policy = trainedRankerPolicy(slice.policy.offsets, slice)
  const [v] = await policyValues(slice.policy.sessions, [policy], rank, value)
  return v!
}

export async function feedPolicyValues(
  slice: MeasuredSlice,
  params: RankingParams,
  defaults: RankingParams = DEFAULT_RANKING_PARAMS,
): Promise<FeedPolicyValues> {
  return {
    current: await policyValueOf(slice, params, defaults),
    defaults: await policyValueOf(slice, defaults, defaults),
  }
}
