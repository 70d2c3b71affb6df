// Logistic regression on hashed sparse features, trained with AdaGrad SGD and L2 — small, deterministic
// (seeded shuffles) and good on bag-of-words spam.
import { seededRandom } from '../../shared/util/seeded-random.ts'

export interface LogisticOptions {
  buckets: number
  epochs: number
  learningRate: number
  l2: number
  seed: number
  /** Keep the bias at this log-odds instead of learning it (see train-spam.ts for why). */
  fixedBias?: number
}

export interface LogisticModel {
  weights: Float32Array
  bias: number
}

export type SparseRow = Map<number, number>

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z))
}

export function logit(model: LogisticModel, row: SparseRow): number {
  let z = model.bias
  for (const [i, v] of row) z += model.weights[i]! * v
  return z
}

export function trainLogistic(rows: SparseRow[], labels: boolean[], opts: LogisticOptions): LogisticModel {
  const w = new Float32Array(opts.buckets)
  const g2 = new Float32Array(opts.buckets).fill(1e-8)
  let bias = opts.fixedBias ?? 0
  let biasG2 = 1e-8
  const rand = seededRandom(opts.seed)
  const order = rows.map((_, i) => i)
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1))
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    for (const k of order) {
      const row = rows[k]!
      const err = sigmoid(logit({ weights: w, bias }, row)) - (labels[k] ? 1 : 0)
      for (const [i, v] of row) {
        const g = err * v + opts.l2 * w[i]!
        g2[i]! += g * g
        w[i]! -= (opts.learningRate * g) / Math.sqrt(g2[i]!)
      }
      if (opts.fixedBias !== undefined) continue
      biasG2 += err * err
      bias -= (opts.learningRate * err) / Math.sqrt(biasG2)
    }
  }
  return { weights: w, bias }
}
