// L2-regularised logistic regression fitted by damped Newton steps (IRLS with step halving, so rare heads
// that are nearly separable, e.g. video_open only on videos, cannot overshoot): exact, deterministic and
// fast for a few dozen standardised features. The intercept is not penalised.

export interface LogisticModel {
  bias: number
  /** One weight per (standardised) feature. */
  weights: number[]
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z))

/** Solves the symmetric positive-definite system M x = b (M row-major d×d) by Cholesky. */
export function solveSpd(m: Float64Array, b: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d)
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i * d + j]!
      for (let k = 0; k < j; k++) s -= l[i * d + k]! * l[j * d + k]!
      if (i === j) {
        if (!(s > 0)) throw new Error('solveSpd: matrix is not positive definite')
        l[i * d + i] = Math.sqrt(s)
      } else l[i * d + j] = s / l[j * d + j]!
    }
  }
  const y = new Float64Array(d)
  for (let i = 0; i < d; i++) {
    let s = b[i]!
    for (let k = 0; k < i; k++) s -= l[i * d + k]! * y[k]!
    y[i] = s / l[i * d + i]!
  }
  const x = new Float64Array(d)
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i]!
    for (let k = i + 1; k < d; k++) s -= l[k * d + i]! * x[k]!
    x[i] = s / l[i * d + i]!
  }
  return x
}

/** The penalised objective Σ logloss + λ/2 · |w without intercept|², with log(1 + e^z) computed stably. */
function objective(
  x: Float64Array,
  y: ArrayLike<number>,
  f: number,
  w: Float64Array,
  lambda: number,
): number {
  let s = 0
  for (let i = 0; i < y.length; i++) {
    let z = w[0]!
    for (let j = 0; j < f; j++) z += w[j + 1]! * x[i * f + j]!
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))
    s += softplus - y[i]! * z
  }
  for (let j = 1; j <= f; j++) s += 0.5 * lambda * w[j]! * w[j]!
  return s
}

/**
 * Minimises Σ logloss(σ(bias + x·w), y) + λ/2 · |w|² over rows x (n×f, row-major) and labels y in {0, 1}.
 * Stops after `iterations` Newton steps or when the largest step is below 1e-6.
 */
export function fitLogistic(
  x: Float64Array,
  y: ArrayLike<number>,
  f: number,
  lambda = 1,
  iterations = 12,
): LogisticModel {
  const n = y.length
  const d = f + 1 // column 0 is the intercept
  let positives = 0
  for (let i = 0; i < n; i++) positives += y[i]!
  const rate = Math.min(Math.max(positives / Math.max(n, 1), 1e-6), 1 - 1e-6)
  const w = new Float64Array(d)
  w[0] = Math.log(rate / (1 - rate))
  let current = objective(x, y, f, w, lambda)
  for (let it = 0; it < iterations; it++) {
    const grad = new Float64Array(d)
    const hess = new Float64Array(d * d)
    const row = new Float64Array(d)
    for (let i = 0; i < n; i++) {
      row[0] = 1
      let z = w[0]!
      for (let j = 0; j < f; j++) {
        row[j + 1] = x[i * f + j]!
        z += w[j + 1]! * row[j + 1]!
      }
      const p = sigmoid(z)
      const r = p - y[i]!
      const v = p * (1 - p)
      for (let a = 0; a < d; a++) {
        grad[a]! += r * row[a]!
        const va = v * row[a]!
        for (let b = 0; b <= a; b++) hess[a * d + b]! += va * row[b]!
      }
    }
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < a; b++) hess[b * d + a] = hess[a * d + b]!
      if (a > 0) {
        grad[a]! += lambda * w[a]!
        hess[a * d + a]! += lambda
      } else hess[0]! += 1e-9
    }
    const step = solveSpd(hess, grad, d)
    // Halve the step until the objective does not rise (a full Newton step is taken near the optimum).
    let scale = 1
    let next = w.map((v, a) => v - step[a]!)
    let value = objective(x, y, f, next, lambda)
    while (!(value <= current) && scale > 1e-6) {
      scale /= 2
      next = w.map((v, a) => v - scale * step[a]!)
      value = objective(x, y, f, next, lambda)
    }
    if (!(value <= current)) break
    let largest = 0
    for (let a = 0; a < d; a++) largest = Math.max(largest, Math.abs(next[a]! - w[a]!))
    w.set(next)
    current = value
    if (largest < 1e-6) break
  }
  return { bias: w[0]!, weights: Array.from(w.subarray(1)) }
}
