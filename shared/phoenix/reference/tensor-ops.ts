// The few dense operations the reference forward passes need, on flat row-major arrays. Activations are
// Float64Array (JS arithmetic is double anyway, so the reference is the more exact side of a parity check);
// weights stay Float32Array as the ONNX file stores them.

/**
 * out[r, :] (+)= a[r, :] @ w for r < rows, with a [rows, inDim] and w [inDim, outDim] (stored `[in, out]`,
 * applied as x @ W, as the export contract says). Loop order r-k-j keeps the inner loop on contiguous rows;
 * the argument types stay fixed so V8 keeps this hot loop monomorphic.
 */
export function matmul(
  a: Float64Array,
  rows: number,
  w: Float32Array,
  inDim: number,
  outDim: number,
  out: Float64Array = new Float64Array(rows * outDim),
  accumulate = false,
): Float64Array {
  if (w.length !== inDim * outDim)
    throw new Error(`matmul: weight has ${w.length} values, not ${inDim}×${outDim}`)
  if (!accumulate) out.fill(0, 0, rows * outDim)
  const k4 = inDim - (inDim % 4)
  for (let r = 0; r < rows; r++) {
    const o = r * outDim
    const ar = r * inDim
    // Four input rows per sweep over the output row: a quarter of the loads and stores of out.
    for (let k = 0; k < k4; k += 4) {
      const x0 = a[ar + k]!
      const x1 = a[ar + k + 1]!
      const x2 = a[ar + k + 2]!
      const x3 = a[ar + k + 3]!
      const w0 = k * outDim
      const w1 = w0 + outDim
      const w2 = w1 + outDim
      const w3 = w2 + outDim
      for (let j = 0; j < outDim; j++) {
        out[o + j]! += x0 * w[w0 + j]! + x1 * w[w1 + j]! + x2 * w[w2 + j]! + x3 * w[w3 + j]!
      }
    }
    for (let k = k4; k < inDim; k++) {
      const x = a[ar + k]!
      const wk = k * outDim
      for (let j = 0; j < outDim; j++) out[o + j]! += x * w[wk + j]!
    }
  }
  return out
}

/** out[at : at + outDim] += scale · vec[vecAt : vecAt + inDim] @ w — one input row stored as float32. */
export function addVecMat(
  out: Float64Array,
  at: number,
  vec: Float32Array,
  vecAt: number,
  w: Float32Array,
  inDim: number,
  outDim: number,
): void {
  if (w.length !== inDim * outDim)
    throw new Error(`addVecMat: weight has ${w.length} values, not ${inDim}×${outDim}`)
  if (vecAt < 0 || vecAt + inDim > vec.length)
    throw new RangeError(`row at ${vecAt} is outside a vector of ${vec.length}`)
  for (let k = 0; k < inDim; k++) {
    const x = vec[vecAt + k]!
    if (x === 0) continue
    const wk = k * outDim
    for (let j = 0; j < outDim; j++) out[at + j]! += x * w[wk + j]!
  }
}

/** out[0:dim] += row `row` of table [*, dim], scaled by `scale`. */
export function addRow(
  out: Float64Array,
  at: number,
  table: Float32Array,
  row: number,
  dim: number,
  scale = 1,
): void {
  const base = row * dim
  if (base < 0 || base + dim > table.length)
    throw new RangeError(`row ${row} is outside a table of ${table.length / dim}`)
  for (let j = 0; j < dim; j++) out[at + j]! += scale * table[base + j]!
}

/** out[r, :] = x[r, :] / sqrt(mean(x[r, :]²) + eps) · gain, for every row. */
export function rmsNorm(
  x: Float64Array,
  rows: number,
  dim: number,
  gain: Float32Array,
  eps: number,
): Float64Array {
  const out = new Float64Array(rows * dim)
  for (let r = 0; r < rows; r++) {
    const o = r * dim
    let ss = 0
    for (let j = 0; j < dim; j++) ss += x[o + j]! * x[o + j]!
    const inv = 1 / Math.sqrt(ss / dim + eps)
    for (let j = 0; j < dim; j++) out[o + j] = x[o + j]! * inv * gain[j]!
  }
  return out
}

const GELU_C = Math.sqrt(2 / Math.PI)

/** GELU, tanh approximation, in place. */
export function geluTanh(x: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!
    x[i] = 0.5 * v * (1 + Math.tanh(GELU_C * (v + 0.044715 * v * v * v)))
  }
  return x
}

/** Softmax of x[0:n] in place (max-subtracted). */
export function softmax(x: Float64Array, n: number): void {
  let max = Number.NEGATIVE_INFINITY
  for (let i = 0; i < n; i++) if (x[i]! > max) max = x[i]!
  let sum = 0
  for (let i = 0; i < n; i++) {
    x[i] = Math.exp(x[i]! - max)
    sum += x[i]!
  }
  for (let i = 0; i < n; i++) x[i]! /= sum
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x))
}

/** Scales each row of x [rows, dim] to unit L2 norm (norm clamped at eps, as torch's F.normalize). */
export function l2NormalizeRows(x: Float64Array, rows: number, dim: number, eps = 1e-12): Float32Array {
  const out = new Float32Array(rows * dim)
  for (let r = 0; r < rows; r++) {
    let ss = 0
    for (let j = 0; j < dim; j++) ss += x[r * dim + j]! * x[r * dim + j]!
    const inv = 1 / Math.max(Math.sqrt(ss), eps)
    for (let j = 0; j < dim; j++) out[r * dim + j] = x[r * dim + j]! * inv
  }
  return out
}

/** Largest absolute difference; Infinity on a length mismatch or any NaN, so neither can pass a check. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY
  let worst = 0
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!)
    if (Number.isNaN(d)) return Number.POSITIVE_INFINITY
    if (d > worst) worst = d
  }
  return worst
}
