// One model evaluation over EvalData with any EvalEngine: the ranker's per-head table and dwell row, the
// retrieval result, and the curves the model lab plots. The same functions `npm run models:eval` reports
// with (models/eval/run-eval.ts), so the lab's numbers and the CLI's differ only by the engine.
import { DISCRETE_ACTIONS } from '../phoenix/actions.ts'
import { type ReliabilityBin, type RocCurve, reliabilityBins, rocCurve } from './curves.ts'
import type { EvalData } from './eval-data.ts'
import type { EvalEngine } from './eval-engine.ts'
import { popularityProbs } from './popularity.ts'
import {
  type DwellRow,
  dwellRow,
  type HeadRow,
  headRows,
  type Pooled,
  predictSessions,
} from './ranker-eval.ts'
import { evaluateRetrieval, type RetrievalResult } from './retrieval-eval.ts'

const A = DISCRETE_ACTIONS.length

export interface HeadCurves {
  head: string
  roc: { model: RocCurve; oracle: RocCurve; popularity: RocCurve }
  reliability: { model: ReliabilityBin[]; oracle: ReliabilityBin[] }
}

export interface ModelEvalResult {
  sessions: number
  candidates: number
  heads: HeadRow[]
  dwell: DwellRow
  retrieval: RetrievalResult
  /** Heads with positives and negatives only. */
  curves: HeadCurves[]
}

export interface EvaluateOptions {
  onSession?: (done: number, total: number) => void
  onRetrievalUser?: (done: number, total: number) => void
  /** Receives the pooled predictions (the model lab computes the world-backed references from them). */
  onPooled?: (pooled: Pooled) => void
}

function column(src: ArrayLike<number>, h: number, n: number): Float64Array {
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = src[i * A + h]!
  return out
}

export function headCurves(pooled: Pooled, data: EvalData, heads: readonly HeadRow[]): HeadCurves[] {
  const n = pooled.dwellSeconds.length
  const pop = popularityProbs(pooled.candidatePosts, data.posts.values(), data.world.trainPositiveRates)
  return DISCRETE_ACTIONS.flatMap((head, h): HeadCurves[] => {
    if (Number.isNaN(heads[h]!.auc.model)) return []
    const y = column(pooled.labels, h, n)
    const [model, oracle, popularity] = [pooled.probs, pooled.truth, pop].map((s) => column(s, h, n)) as [
      Float64Array,
      Float64Array,
      Float64Array,
    ]
    return [
      {
        head,
        roc: { model: rocCurve(model, y), oracle: rocCurve(oracle, y), popularity: rocCurve(popularity, y) },
        reliability: { model: reliabilityBins(model, y), oracle: reliabilityBins(oracle, y) },
      },
    ]
  })
}

export async function evaluateModel(
  engine: EvalEngine,
  data: EvalData,
  opts: EvaluateOptions = {},
): Promise<ModelEvalResult> {
  const total = data.sessions.length
  const pooled = await predictSessions(engine, data, (done) => opts.onSession?.(done, total))
  opts.onPooled?.(pooled)
  const heads = headRows(pooled, data)
  const retrieval = await evaluateRetrieval(engine, data, opts.onRetrievalUser)
  return {
    sessions: total,
    candidates: pooled.dwellSeconds.length,
    heads,
    dwell: dwellRow(pooled),
    retrieval,
    curves: headCurves(pooled, data, heads),
  }
}
