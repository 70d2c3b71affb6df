// Pure reshaping of eval curves and latencies into uPlot's aligned columns.
import type { ReliabilityBin, RocCurve } from '../../../../shared/eval/curves.ts'

/** A ROC curve read on a common false-positive-rate grid (the highest TPR reached at or below each FPR). */
export function rocOnGrid(curve: RocCurve, grid: readonly number[]): number[] {
  let k = 0
  let best = 0
  return grid.map((x) => {
    while (k < curve.fpr.length && curve.fpr[k]! <= x + 1e-12) best = Math.max(best, curve.tpr[k++]!)
    return best
  })
}

export const unitGrid = (steps: number): number[] => Array.from({ length: steps + 1 }, (_, i) => i / steps)

/** Observed rate per bin, null for empty bins (uPlot draws a gap). */
export const observedRates = (bins: readonly ReliabilityBin[]): (number | null)[] =>
  bins.map((b) => (b.count > 0 ? b.observedRate : null))

export interface Histogram {
  /** Bin centres (ms). */
  centres: number[]
  /** Counts per series, per bin. */
  counts: number[][]
  width: number
}

/** Shared equal-width bins over every series' values, so backends compare on one axis. */
export function histogram(series: readonly (readonly number[])[], bins = 12): Histogram {
  const all = series.flat()
  if (all.length === 0) return { centres: [], counts: series.map(() => []), width: 0 }
  const lo = Math.min(...all)
  const hi = Math.max(...all)
  const width = hi > lo ? (hi - lo) / bins : 1
  const n = hi > lo ? bins : 1
  const counts = series.map((values) => {
    const c = new Array<number>(n).fill(0)
    for (const v of values) c[Math.min(n - 1, Math.floor((v - lo) / width))]!++
    return c
  })
  return { centres: Array.from({ length: n }, (_, i) => lo + (i + 0.5) * width), counts, width }
}

export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!
}
