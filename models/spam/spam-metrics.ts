// Precision / recall / F1 of the spam class, counted from predictions and truth (nothing model-specific).

export interface SpamMetrics {
  n: number
  positives: number
  truePositives: number
  falsePositives: number
  falseNegatives: number
  precision: number
  recall: number
  f1: number
}

export function spamMetrics(predicted: readonly boolean[], truth: readonly boolean[]): SpamMetrics {
  let tp = 0
  let fp = 0
  let fn = 0
  predicted.forEach((p, i) => {
    if (p && truth[i]) tp++
    else if (p) fp++
    else if (truth[i]) fn++
  })
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return {
    n: predicted.length,
    positives: truth.filter(Boolean).length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision,
    recall,
    f1,
  }
}

export function formatMetrics(label: string, m: SpamMetrics): string {
  const pct = (x: number) => x.toFixed(4)
  return `${label}: n=${m.n} spam=${m.positives} precision=${pct(m.precision)} recall=${pct(m.recall)} F1=${pct(m.f1)} (tp ${m.truePositives}, fp ${m.falsePositives}, fn ${m.falseNegatives})`
}
