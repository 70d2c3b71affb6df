// Pooled per-head metrics of one reference scorer (e.g. the plug-in ceiling) over every eval candidate:
// the same AUC, NE and calibration the model's rows report, for a source given as pooled rows.
import { DISCRETE_ACTIONS } from '../phoenix/actions.ts'
import type { ScoreSource } from './holdout-kinds.ts'
import { auc, calibration, normalizedEntropy } from './metrics.ts'

const A = DISCRETE_ACTIONS.length

export interface SourceHeadRow {
  head: string
  auc: number
  ne: number
  calibration: number
}

export function sourceHeadRows(source: ScoreSource, labels: ArrayLike<number>): SourceHeadRow[] {
  const n = Math.floor(labels.length / A)
  return DISCRETE_ACTIONS.map((head, h) => {
    const y = Float64Array.from({ length: n }, (_, i) => labels[i * A + h]!)
    const p = Float64Array.from({ length: n }, (_, i) => source.probs[i * source.stride + h]!)
    return { head, auc: auc(p, y), ne: normalizedEntropy(p, y), calibration: calibration(p, y) }
  })
}
