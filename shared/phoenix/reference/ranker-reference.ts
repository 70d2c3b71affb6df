// Plain-TypeScript forward pass of the Phoenix ranker, the cross-check for ranker.onnx and its split pair
// (models/train/ARCHITECTURE.md). The split is exact: the prefix (user + history) never attends to a
// candidate, so encodeHistory runs once per viewer and scoreCandidates once per batch of candidates, and a
// candidate attends to the valid prefix keys and its own key only. Padded prefix slots are skipped entirely
// (their outputs are ignored and as keys they are masked), so the cost follows the real history length.
import { PHOENIX_CONFIG } from '../config.ts'
import type { CandidateTensors, HistoryTensors } from '../features.ts'
import { embedCandidates, embedPrefix, validPrefixSlots } from './ranker-tokens.ts'
import type { RankerWeights } from './ranker-weights.ts'
import { matmul, rmsNorm, sigmoid, softmax } from './tensor-ops.ts'
import {
  ATTENTION_SCALE,
  HEAD_DIM as DH,
  feedForward,
  finishSelfAttentionLayer,
  headDot,
  keysValues,
  type LayerWeights,
} from './transformer-layer.ts'

const { dModel: D, heads: NH, layers: L, historyLen: H, discreteHeads: A, rmsEps: EPS } = PHOENIX_CONFIG
const P = H + 1

/** Per-layer keys and values of the prefix: the layout of ranker_history.onnx's outputs at batch 1. */
export interface RankerPrefix {
  /** [L, heads, H + 1, dh]; zero at padded slots. */
  keys: Float32Array
  values: Float32Array
  /** [H + 1]: 1 valid, 0 padding (slot 0 is the user token). */
  valid: Float32Array
}

export interface RankerScores {
  n: number
  /** [n, A]: sigmoid per discrete head, DISCRETE_ACTIONS order. */
  probs: Float32Array
  /** [n]: predicted dwell seconds in [0, dwellScaleSeconds]. */
  dwellSeconds: Float32Array
}

const kvAt = (layer: number, head: number, slot: number) => ((layer * NH + head) * P + slot) * DH

/** Runs the prefix (user + history) through every layer: ranker_history.onnx for one viewer. */
export function encodeHistory(w: RankerWeights, history: HistoryTensors): RankerPrefix {
  const slots = validPrefixSlots(history)
  const n = slots.length
  const prefix: RankerPrefix = {
    keys: new Float32Array(L * NH * P * DH),
    values: new Float32Array(L * NH * P * DH),
    valid: new Float32Array(P),
  }
  for (const slot of slots) prefix.valid[slot] = 1
  const x = embedPrefix(w, history, slots)
  w.layers.forEach((lw, l) => {
    const kv = keysValues(lw, x, n)
    for (let t = 0; t < n; t++) {
      for (let hd = 0; hd < NH; hd++) {
        const at = kvAt(l, hd, slots[t]!)
        prefix.keys.set(kv.k.subarray(t * D + hd * DH, t * D + (hd + 1) * DH), at)
        prefix.values.set(kv.v.subarray(t * D + hd * DH, t * D + (hd + 1) * DH), at)
      }
    }
    // The last layer's prefix outputs are never read: its keys and values are all the candidates need.
    if (l < L - 1) finishSelfAttentionLayer(lw, x, n, kv)
  })
  return prefix
}

/** One layer over the candidates: each attends to this layer's valid prefix keys and to itself only. */
function candidateLayer(
  lw: LayerWeights,
  layer: number,
  x: Float64Array,
  n: number,
  prefix: RankerPrefix,
  slots: number[],
) {
  const m = slots.length
  const { h, k, v } = keysValues(lw, x, n)
  const q = matmul(h, n, lw.wq, D, D)
  const ctx = new Float64Array(n * D)
  const s = new Float64Array(m + 1)
  for (let c = 0; c < n; c++) {
    for (let hd = 0; hd < NH; hd++) {
      const qi = c * D + hd * DH
      for (let j = 0; j < m; j++)
        s[j] = headDot(q, qi, prefix.keys, kvAt(layer, hd, slots[j]!)) * ATTENTION_SCALE
      s[m] = headDot(q, qi, k, qi) * ATTENTION_SCALE
      softmax(s, m + 1)
      for (let j = 0; j < m; j++) {
        const p = s[j]!
        const vi = kvAt(layer, hd, slots[j]!)
        for (let d = 0; d < DH; d++) ctx[qi + d]! += p * prefix.values[vi + d]!
      }
      for (let d = 0; d < DH; d++) ctx[qi + d]! += s[m]! * v[qi + d]!
    }
  }
  matmul(ctx, n, lw.wo, D, D, x, true)
  feedForward(lw, x, n)
}

/** Scores candidates against a cached prefix: ranker_candidates.onnx for one viewer. */
export function scoreCandidates(
  w: RankerWeights,
  prefix: RankerPrefix,
  candidates: CandidateTensors,
): RankerScores {
  const size = L * NH * P * DH
  if (prefix.keys.length !== size || prefix.values.length !== size || prefix.valid.length !== P) {
    throw new Error('prefix keys/values/valid do not have the [layers, heads, H + 1, dh] / [H + 1] shapes')
  }
  const slots: number[] = []
  for (let slot = 0; slot < P; slot++) if (prefix.valid[slot] !== 0) slots.push(slot)
  const n = candidates.n
  const x = embedCandidates(w, candidates)
  for (const [l, lw] of w.layers.entries()) candidateLayer(lw, l, x, n, prefix, slots)
  const h = rmsNorm(x, n, D, w.finalNorm, EPS)
  const logits = matmul(h, n, w.head, D, A)
  const dwell = matmul(h, n, w.dwellHead, D, 1)
  const probs = new Float32Array(n * A)
  for (let i = 0; i < n * A; i++) probs[i] = sigmoid(logits[i]! + w.headBias[i % A]!)
  const dwellSeconds = new Float32Array(n)
  for (let c = 0; c < n; c++)
    dwellSeconds[c] = PHOENIX_CONFIG.dwellScaleSeconds * sigmoid(dwell[c]! + w.dwellBias[0]!)
  return { n, probs, dwellSeconds }
}

/** The full pass (ranker.onnx): history encode plus candidate scoring. */
export function rankerForward(
  w: RankerWeights,
  history: HistoryTensors,
  candidates: CandidateTensors,
): RankerScores {
  return scoreCandidates(w, encodeHistory(w, history), candidates)
}
