// The model lab's calibration and ROC plots: a reliability table (predicted vs observed rate per bin of
// predicted probability) and the ROC curve, both from the same pooled (probability, label) columns the
// eval's AUC and calibration read.

export interface ReliabilityBin {
  /** Bin bounds on the predicted probability, [lo, hi) (the last bin includes 1). */
  lo: number
  hi: number
  count: number
  meanPredicted: number
  /** Share of positives in the bin; NaN when the bin is empty. */
  observedRate: number
}

/** `bins` equal-width bins over [0, 1]. */
export function reliabilityBins(p: ArrayLike<number>, y: ArrayLike<number>, bins = 10): ReliabilityBin[] {
  const sums = Array.from({ length: bins }, () => ({ count: 0, p: 0, y: 0 }))
  for (let i = 0; i < p.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p[i]! * bins)))
    sums[b]!.count++
    sums[b]!.p += p[i]!
    sums[b]!.y += y[i]! > 0.5 ? 1 : 0
  }
  return sums.map((s, b) => ({
    lo: b / bins,
    hi: (b + 1) / bins,
    count: s.count,
    meanPredicted: s.count ? s.p / s.count : Number.NaN,
    observedRate: s.count ? s.y / s.count : Number.NaN,
  }))
}

export interface RocCurve {
  /** False- and true-positive rates from (0, 0) to (1, 1), one point per distinct score (thinned). */
  fpr: number[]
  tpr: number[]
}

/** The ROC curve, thresholds at each distinct score from the highest down; at most `maxPoints` points. */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>, maxPoints = 200): RocCurve {
  const n = scores.length
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!)
  let positives = 0
  for (let i = 0; i < n; i++) if (labels[i]! > 0.5) positives++
  const negatives = n - positives
  const fpr = [0]
  const tpr = [0]
  if (positives === 0 || negatives === 0) return { fpr: [0, 1], tpr: [0, 1] }
  let tp = 0
  let fp = 0
  for (let i = 0; i < n; ) {
    let j = i
    // Tied scores move together: one diagonal step, as the AUC's averaged ranks count them.
    while (j < n && scores[order[j]!] === scores[order[i]!]) {
      if (labels[order[j]!]! > 0.5) tp++
      else fp++
      j++
    }
    fpr.push(fp / negatives)
    tpr.push(tp / positives)
    i = j
  }
  if (fpr.length <= maxPoints) return { fpr, tpr }
  const step = (fpr.length - 1) / (maxPoints - 1)
  const keep = Array.from({ length: maxPoints }, (_, k) => Math.round(k * step))
  return { fpr: keep.map((k) => fpr[k]!), tpr: keep.map((k) => tpr[k]!) }
}

/** Trapezoid area under a curve (for checking a thinned ROC against the exact AUC). */
export function areaUnder(x: readonly number[], y: readonly number[]): number {
  let a = 0
  for (let i = 1; i < x.length; i++) a += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2
  return a
}
