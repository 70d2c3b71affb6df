// Offline ranking metrics, exact and threshold-free: AUC by Mann–Whitney ranks with ties averaged,
// cross-entropy normalised by the base-rate entropy (NE; RCE = 100·(1 − NE) as upstream reports it),
// and calibration Σp / Σy.

/** ROC AUC = P(score of a random positive > score of a random negative), ties counted ½. NaN when one class is absent. */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length
  if (labels.length !== n) throw new Error(`auc: ${n} scores but ${labels.length} labels`)
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!)
  let positives = 0
  let rankSum = 0
  for (let i = 0; i < n; ) {
    let j = i
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++
    const avgRank = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!]! > 0.5) {
        positives++
        rankSum += avgRank
      }
    }
    i = j + 1
  }
  const negatives = n - positives
  if (positives === 0 || negatives === 0) return Number.NaN
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}

const EPS = 1e-7
const clampP = (p: number) => Math.min(Math.max(p, EPS), 1 - EPS)

/** Mean binary cross-entropy (nats), predictions clamped to [1e-7, 1 − 1e-7]. */
export function logLoss(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < p.length; i++) {
    const q = clampP(p[i]!)
    s -= y[i]! > 0.5 ? Math.log(q) : Math.log(1 - q)
  }
  return s / Math.max(p.length, 1)
}

/** Normalised entropy: log loss / entropy of the labels' own base rate. NaN when one class is absent. */
export function normalizedEntropy(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let positives = 0
  for (let i = 0; i < y.length; i++) if (y[i]! > 0.5) positives++
  const rate = positives / Math.max(y.length, 1)
  if (rate === 0 || rate === 1) return Number.NaN
  const base = -(rate * Math.log(rate) + (1 - rate) * Math.log(1 - rate))
  return logLoss(p, y) / base
}

/** Σp / Σy: 1 is calibrated, > 1 over-predicts. NaN without positives. */
export function calibration(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let sp = 0
  let sy = 0
  for (let i = 0; i < p.length; i++) {
    sp += p[i]!
    sy += y[i]! > 0.5 ? 1 : 0
  }
  return sy === 0 ? Number.NaN : sp / sy
}

/** Mean absolute error. */
export function meanAbsError(p: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < p.length; i++) s += Math.abs(p[i]! - y[i]!)
  return s / Math.max(p.length, 1)
}

/** The indices of the k largest scores (ties broken by lower index), best first. */
export function topK(scores: ArrayLike<number>, k: number): number[] {
  return Array.from({ length: scores.length }, (_, i) => i)
    .sort((a, b) => scores[b]! - scores[a]! || a - b)
    .slice(0, k)
}
