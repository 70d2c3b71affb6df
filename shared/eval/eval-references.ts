// The eval's references beyond the oracle, over one scored eval set and its regenerated world: the plug-in
// ceiling per head, every head by hold-out kind, and the feed-level policy values for held-out viewers.
// Platform-free: `models:eval` (models/eval/run-eval.ts) calls it, and so can the model lab.
import { DISCRETE_ACTIONS } from '../phoenix/actions.ts'
import { DEFAULT_RANKING_PARAMS, type RankingParams } from '../ranking/ranking-params.ts'
import type { World } from '../world/world-types.ts'
import type { EvalData } from './eval-data.ts'
import {
  candidateKinds,
  HOLDOUT_KINDS,
  type HoldoutKind,
  type KindHeadRow,
  kindRows,
  type ScoreSource,
} from './holdout-kinds.ts'
import {
  chronologicalOrder,
  inNetworkOrder,
  type PolicyValue,
  policyValues,
  popularityOrder,
  type RankingPolicy,
  truthScores,
} from './policy-value.ts'
import { popularityProbs } from './popularity.ts'
import type { Pooled } from './ranker-eval.ts'
import { type ReferenceInputs, referenceInputs } from './reference-inputs.ts'
import { type SourceHeadRow, sourceHeadRows } from './source-metrics.ts'

const A = DISCRETE_ACTIONS.length

export interface EvalReferences {
  plugIn: SourceHeadRow[]
  holdout: { candidates: Record<HoldoutKind, number>; heads: KindHeadRow[] }
  policies: { sessions: number; resultSize: number; values: PolicyValue[] }
}

export interface ReferenceOptions {
  /** More pooled scorers to report by hold-out kind (e.g. a classical baseline), [candidates × A]. */
  extraSources?: readonly ScoreSource[]
  params?: RankingParams
}

export async function evaluateReferences(
  world: World,
  data: EvalData,
  pooled: Pooled,
  opts: ReferenceOptions = {},
): Promise<EvalReferences> {
  return evaluateReferencesFrom(referenceInputs(world, data), data, pooled, opts)
}

/**
 * The policy "ranking pipeline, trained ranker": the pipeline on the pooled predictions of each session;
 * `offsets[k]` is policy session k's first pooled row.
 */
export function trainedRankerPolicy(
  offsets: readonly number[],
  pooled: Pick<Pooled, 'probs' | 'dwellSeconds'>,
): RankingPolicy {
  return {
    name: 'ranking pipeline, trained ranker',
    kind: 'pipeline',
    scores: (s, k) => {
      const from = offsets[k]!
      const n = s.candidates.length
      return {
        probs: pooled.probs.subarray(from * A, (from + n) * A),
        dwellSeconds: pooled.dwellSeconds.subarray(from, from + n),
      }
    },
  }
}

/** The references from inputs computed where the world is (reference-inputs.ts), e.g. in a worker. */
export async function evaluateReferencesFrom(
  inputs: ReferenceInputs,
  data: EvalData,
  pooled: Pooled,
  opts: ReferenceOptions = {},
): Promise<EvalReferences> {
  const params = opts.params ?? DEFAULT_RANKING_PARAMS
  const plug = inputs.plugIn
  const stride = inputs.plugInStride
  const pop = popularityProbs(pooled.candidatePosts, data.posts.values(), data.world.trainPositiveRates)
  const sources: ScoreSource[] = [
    { name: 'model', probs: pooled.probs, stride: A },
    { name: 'plug-in', probs: plug, stride },
    { name: 'oracle', probs: pooled.truth, stride: A },
    ...(opts.extraSources ?? []),
    { name: 'popularity', probs: pop, stride: A },
  ]
  const kinds = candidateKinds(data, new Set(inputs.heldOutViewerIds))
  const candidates = Object.fromEntries(
    HOLDOUT_KINDS.map((kind, k) => [kind, kinds.filter((x) => x === k).length]),
  ) as Record<HoldoutKind, number>

  const { sessions, offsets } = inputs.policy
  const policies: RankingPolicy[] = [
    trainedRankerPolicy(offsets, pooled),
    {
      name: 'ranking pipeline, plug-in probabilities',
      kind: 'pipeline',
      scores: (s, k) => {
        const from = offsets[k]!
        const n = s.candidates.length
        return truthScores({ ...s, truth: plug.subarray(from * stride, (from + n) * stride) })
      },
    },
    {
      name: 'ranking pipeline, true probabilities (ceiling)',
      kind: 'pipeline',
      scores: (s) => truthScores(s),
    },
    { name: 'chronological', kind: 'order', order: chronologicalOrder },
    { name: 'popularity (engagement count)', kind: 'order', order: popularityOrder },
    { name: 'in-network only, newest first', kind: 'order', order: inNetworkOrder },
  ]
  return {
    plugIn: sourceHeadRows({ name: 'plug-in', probs: plug, stride }, pooled.labels),
    holdout: { candidates, heads: kindRows(sources, pooled.labels, kinds) },
    policies: {
      sessions: sessions.length,
      resultSize: params.resultSize,
      values: await policyValues(sessions, policies, params),
    },
  }
}
