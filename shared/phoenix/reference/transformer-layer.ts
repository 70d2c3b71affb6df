// The pre-norm transformer layer shared by the ranker and the user tower (models/train/ARCHITECTURE.md):
// x += Attn(RMSNorm(x) · attn_norm); x += GELU_tanh(RMSNorm(x) · ffn_norm @ w1) @ w2. Callers pass only the
// valid tokens: padded keys are masked and padded outputs ignored, so dropping them changes nothing.
import { PHOENIX_CONFIG } from '../config.ts'
import type { WeightMap } from './onnx-weights.ts'
import { geluTanh, matmul, rmsNorm, softmax } from './tensor-ops.ts'

const { dModel: D, ffnDim: F, heads: NH, rmsEps: EPS } = PHOENIX_CONFIG
export const HEAD_DIM = D / NH
const DH = HEAD_DIM
export const ATTENTION_SCALE = 1 / Math.sqrt(DH)

export interface LayerWeights {
  attnNorm: Float32Array
  wq: Float32Array
  wk: Float32Array
  wv: Float32Array
  wo: Float32Array
  ffnNorm: Float32Array
  w1: Float32Array
  w2: Float32Array
}

/** The weights of layer `${prefix}layers.${index}.*`. */
export function layerWeights(w: WeightMap, prefix: string, index: number): LayerWeights {
  const n = `${prefix}layers.${index}`
  return {
    attnNorm: w.get(`${n}.attn_norm`, [D]),
    wq: w.get(`${n}.wq`, [D, D]),
    wk: w.get(`${n}.wk`, [D, D]),
    wv: w.get(`${n}.wv`, [D, D]),
    wo: w.get(`${n}.wo`, [D, D]),
    ffnNorm: w.get(`${n}.ffn_norm`, [D]),
    w1: w.get(`${n}.w1`, [D, F]),
    w2: w.get(`${n}.w2`, [F, D]),
  }
}

/** Dot product of DH values at a[ai…] and b[bi…]. */
export function headDot(a: ArrayLike<number>, ai: number, b: ArrayLike<number>, bi: number): number {
  let s = 0
  for (let d = 0; d < DH; d++) s += a[ai + d]! * b[bi + d]!
  return s
}

/** x += GELU_tanh(RMSNorm(x) · ffn_norm @ w1) @ w2, for x [n, D]. */
export function feedForward(lw: LayerWeights, x: Float64Array, n: number): void {
  const u = geluTanh(matmul(rmsNorm(x, n, D, lw.ffnNorm, EPS), n, lw.w1, D, F))
  matmul(u, n, lw.w2, F, D, x, true)
}

export interface KeysValues {
  /** [n, D] each, heads side by side (head h = columns h·dh … (h+1)·dh). */
  k: Float64Array
  v: Float64Array
}

/** RMSNorm(x) · attn_norm and its keys and values, for x [n, D]. */
export function keysValues(lw: LayerWeights, x: Float64Array, n: number): KeysValues & { h: Float64Array } {
  const h = rmsNorm(x, n, D, lw.attnNorm, EPS)
  return { h, k: matmul(h, n, lw.wk, D, D), v: matmul(h, n, lw.wv, D, D) }
}

/**
 * Completes one layer over n tokens that all see each other (bidirectional, no mask), given this layer's
 * normed input and keys/values from keysValues. Updates x [n, D] in place.
 */
export function finishSelfAttentionLayer(
  lw: LayerWeights,
  x: Float64Array,
  n: number,
  kv: KeysValues & { h: Float64Array },
) {
  const { h, k, v } = kv
  const q = matmul(h, n, lw.wq, D, D)
  const ctx = new Float64Array(n * D)
  const s = new Float64Array(n)
  for (let hd = 0; hd < NH; hd++) {
    const off = hd * DH
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) s[j] = headDot(q, i * D + off, k, j * D + off) * ATTENTION_SCALE
      softmax(s, n)
      const o = i * D + off
      for (let j = 0; j < n; j++) {
        const p = s[j]!
        const vj = j * D + off
        for (let d = 0; d < DH; d++) ctx[o + d]! += p * v[vj + d]!
      }
    }
  }
  matmul(ctx, n, lw.wo, D, D, x, true)
  feedForward(lw, x, n)
}
