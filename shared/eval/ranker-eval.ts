// Ranker evaluation on held-out sessions: the engine (onnxruntime in Node, the worker pool in the browser)
// scores every session with the split graphs (one history encode + one candidate pass), metrics are pooled over all candidates, and each head is judged
// against the oracle (the world's true probabilities) and the popularity baseline.
import { DISCRETE_ACTIONS } from '../phoenix/actions.ts'
import { PHOENIX_CONFIG } from '../phoenix/config.ts'
import { encodeHistory, scoreCandidates } from '../phoenix/reference/ranker-reference.ts'
import type { RankerWeights } from '../phoenix/reference/ranker-weights.ts'
import { maxAbsDiff } from '../phoenix/reference/tensor-ops.ts'
import type { DatasetPost, EvalData } from './eval-data.ts'
import type { EvalEngine } from './eval-engine.ts'
import { auc, calibration, meanAbsError, normalizedEntropy } from './metrics.ts'
import { popularityProbs } from './popularity.ts'
import { servedPost, sessionTensors } from './session-features.ts'

const A = PHOENIX_CONFIG.discreteHeads

export const ACCEPTANCE = {
  aucBelowOracle: 0.03,
  aucAbovePopularity: 0.05,
  calibration: [0.85, 1.15] as const,
}

/** Pooled over every eval candidate, in file order. */
export interface Pooled {
  probs: Float32Array
  dwellSeconds: Float32Array
  labels: Uint8Array
  truth: Float64Array
  trueDwell: Float64Array
  dwellLabels: Float64Array
  candidatePosts: DatasetPost[]
}

export async function predictSessions(
  engine: EvalEngine,
  data: EvalData,
  progress?: (done: number) => void,
): Promise<Pooled> {
  const total = data.sessions.reduce((s, x) => s + x.candidates.length, 0)
  const pooled: Pooled = {
    probs: new Float32Array(total * A),
    dwellSeconds: new Float32Array(total),
    labels: new Uint8Array(total * A),
    truth: new Float64Array(total * A),
    trueDwell: new Float64Array(total),
    dwellLabels: new Float64Array(total),
    candidatePosts: [],
  }
  let at = 0
  for (const [k, s] of data.sessions.entries()) {
    const { history, candidates } = sessionTensors(data.posts, s)
    const scores = await engine.scoreCandidates(await engine.encodeHistory(history), candidates)
    pooled.probs.set(scores.probs, at * A)
    pooled.dwellSeconds.set(scores.dwellSeconds, at)
    s.candidates.forEach(([postId, , labels, dwell, counts], i) => {
      const c = at + i
      for (let h = 0; h < A; h++) {
        pooled.labels[c * A + h] = (labels >>> h) & 1
        pooled.truth[c * A + h] = s.truth[i]![h]!
      }
      pooled.trueDwell[c] = s.truth[i]![A]!
      pooled.dwellLabels[c] = dwell
      pooled.candidatePosts.push(servedPost(data.posts.get(postId)!, counts))
    })
    at += s.candidates.length
    progress?.(k + 1)
  }
  return pooled
}

/** Max |onnxruntime − TypeScript reference| over the first `sessions` sessions (probs and dwell). */
export function referenceCrossCheck(
  w: RankerWeights,
  data: EvalData,
  pooled: Pooled,
  sessions: number,
): number {
  let worst = 0
  let at = 0
  for (const s of data.sessions.slice(0, sessions)) {
    const { history, candidates } = sessionTensors(data.posts, s)
    const ref = scoreCandidates(w, encodeHistory(w, history), candidates)
    const n = candidates.n
    worst = Math.max(worst, maxAbsDiff(ref.probs, pooled.probs.subarray(at * A, (at + n) * A)))
    worst = Math.max(worst, maxAbsDiff(ref.dwellSeconds, pooled.dwellSeconds.subarray(at, at + n)))
    at += n
  }
  return worst
}

export interface HeadRow {
  head: string
  positives: number
  auc: { model: number; oracle: number; popularity: number }
  ne: { model: number; oracle: number; popularity: number }
  calibration: { model: number; oracle: number }
  verdict: 'pass' | 'miss' | 'n/a'
  misses: string[]
}

function column(src: ArrayLike<number>, h: number, n: number): Float64Array {
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) out[i] = src[i * A + h]!
  return out
}

export function headRows(pooled: Pooled, data: EvalData): HeadRow[] {
  const n = pooled.dwellSeconds.length
  const pop = popularityProbs(pooled.candidatePosts, data.posts.values(), data.world.trainPositiveRates)
  return DISCRETE_ACTIONS.map((head, h): HeadRow => {
    const y = column(pooled.labels, h, n)
    const [model, oracle, popularity] = [pooled.probs, pooled.truth, pop].map((src) => column(src, h, n)) as [
      Float64Array,
      Float64Array,
      Float64Array,
    ]
    const positives = y.reduce((a, b) => a + b, 0)
    const row: HeadRow = {
      head,
      positives,
      auc: { model: auc(model, y), oracle: auc(oracle, y), popularity: auc(popularity, y) },
      ne: {
        model: normalizedEntropy(model, y),
        oracle: normalizedEntropy(oracle, y),
        popularity: normalizedEntropy(popularity, y),
      },
      calibration: { model: calibration(model, y), oracle: calibration(oracle, y) },
      verdict: 'n/a',
      misses: [],
    }
    if (Number.isNaN(row.auc.model)) return row
    if (row.auc.model < row.auc.oracle - ACCEPTANCE.aucBelowOracle) row.misses.push('AUC < oracle − 0.03')
    if (!(row.auc.model >= row.auc.popularity + ACCEPTANCE.aucAbovePopularity))
      row.misses.push('AUC < popularity + 0.05')
    const [lo, hi] = ACCEPTANCE.calibration
    if (!(row.calibration.model >= lo && row.calibration.model <= hi))
      row.misses.push('calibration outside [0.85, 1.15]')
    row.verdict = row.misses.length === 0 ? 'pass' : 'miss'
    return row
  })
}

export interface DwellRow {
  /** Mean absolute error (seconds) against the sampled dwell of each candidate. */
  maeModel: number
  maeOracle: number
  /** Mean predicted vs mean observed dwell seconds. */
  meanModel: number
  meanObserved: number
}

export function dwellRow(pooled: Pooled): DwellRow {
  const mean = (x: ArrayLike<number>) => {
    let s = 0
    for (let i = 0; i < x.length; i++) s += x[i]!
    return s / Math.max(x.length, 1)
  }
  return {
    maeModel: meanAbsError(pooled.dwellSeconds, pooled.dwellLabels),
    maeOracle: meanAbsError(pooled.trueDwell, pooled.dwellLabels),
    meanModel: mean(pooled.dwellSeconds),
    meanObserved: mean(pooled.dwellLabels),
  }
}
