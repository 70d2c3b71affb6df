// The eval's references beyond the oracle, over one scored eval set and its regenerated world: the plug-in
// ceiling per head, every head by hold-out kind, and the feed-level policy values for held-out viewers.
// Platform-free: `models:eval` (models/eval/run-eval.ts) calls it, and so can the model lab.
import { DISCRETE_ACTIONS } from '../phoenix/actions.ts'
import { DEFAULT_RANKING_PARAMS, type RankingParams } from '../ranking/ranking-params.ts'
import { TRUTH_LENGTH } from '../world/truth.ts'
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
import { plugInTruth } from './plug-in.ts'
import { heldOutSessions, heldOutViewerIds, policySession } from './policy-sessions.ts'
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

/** Pooled row offsets of each session's candidates. */
function sessionOffsets(data: EvalData): number[] {
  const out: number[] = []
  let at = 0
  for (const s of data.sessions) {
    out.push(at)
    at += s.candidates.length
  }
  return out
}

export async function evaluateReferences(
  world: World,
  data: EvalData,
  pooled: Pooled,
  opts: ReferenceOptions = {},
): Promise<EvalReferences> {
  const params = opts.params ?? DEFAULT_RANKING_PARAMS
  const plug = plugInTruth(world, data)
  const pop = popularityProbs(pooled.candidatePosts, data.posts.values(), data.world.trainPositiveRates)
  const sources: ScoreSource[] = [
    { name: 'model', probs: pooled.probs, stride: A },
    { name: 'plug-in', probs: plug, stride: TRUTH_LENGTH },
    { name: 'oracle', probs: pooled.truth, stride: A },
    ...(opts.extraSources ?? []),
    { name: 'popularity', probs: pop, stride: A },
  ]
  const heldOut = heldOutViewerIds(world, data)
  const kinds = candidateKinds(data, heldOut)
  const candidates = Object.fromEntries(
    HOLDOUT_KINDS.map((kind, k) => [kind, kinds.filter((x) => x === k).length]),
  ) as Record<HoldoutKind, number>

  const offsets = sessionOffsets(data)
  const picked = heldOutSessions(data, heldOut)
  const sessions = picked.map((k) => policySession(world, data, data.sessions[k]!))
  const slice = (k: number) => {
    const from = offsets[picked[k]!]!
    const n = sessions[k]!.candidates.length
    return { from, n }
  }
  const policies: RankingPolicy[] = [
    {
      name: 'ranking pipeline, trained ranker',
      kind: 'pipeline',
      scores: (_s, k) => {
        const { from, n } = slice(k)
        return {
          probs: pooled.probs.subarray(from * A, (from + n) * A),
          dwellSeconds: pooled.dwellSeconds.subarray(from, from + n),
        }
      },
    },
    {
      name: 'ranking pipeline, plug-in probabilities',
      kind: 'pipeline',
      scores: (_s, k) => {
        const { from, n } = slice(k)
        return truthScores({
          ...sessions[k]!,
          truth: plug.subarray(from * TRUTH_LENGTH, (from + n) * TRUTH_LENGTH),
        })
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
    plugIn: sourceHeadRows({ name: 'plug-in', probs: plug, stride: TRUTH_LENGTH }, pooled.labels),
    holdout: { candidates, heads: kindRows(sources, pooled.labels, kinds) },
    policies: {
      sessions: sessions.length,
      resultSize: params.resultSize,
      values: await policyValues(sessions, policies, params),
    },
  }
}
