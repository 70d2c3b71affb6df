// Phoenix tensors (features.ts) → plain tensor records named as the ONNX inputs are
// (models/train/ARCHITECTURE.md), with a leading batch dimension where the graph has one. No runtime import:
// the browser worker pool sends these across comlink as they are, and models/eval wraps them in ort.Tensor.
import { COUNT_FEATURES, PHOENIX_CONFIG } from './config.ts'
import type { CandidateTensors, HistoryTensors } from './features.ts'

const { historyLen: H, discreteHeads: A, textTokens: T, layers: L, heads: NH, dModel: D } = PHOENIX_CONFIG
const NC = COUNT_FEATURES.length

/** A tensor as plain data: the dtype names are ONNX Runtime's, so any runtime can rebuild it. */
export type PlainTensor =
  | { type: 'float32'; data: Float32Array; dims: number[] }
  | { type: 'int32'; data: Int32Array; dims: number[] }

export type TensorType = PlainTensor['type']
export type PlainFeeds = Record<string, PlainTensor>

/** The prefix keys/values of one viewer as ranker_history.onnx returns them (batch 1). */
export interface PrefixTensors {
  /** [L, 1, heads, H + 1, dh] */
  keys: Float32Array
  values: Float32Array
  /** [1, H + 1]: 1 valid, 0 padding. */
  valid: Float32Array
}

/** ranker_history.onnx output dims at batch 1 (prefix_k and prefix_v). */
export const PREFIX_KV_DIMS: readonly number[] = [L, 1, NH, H + 1, D / NH]

function concat<Arr extends Int32Array | Float32Array>(parts: readonly Arr[], out: Arr): Arr {
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
const size = (parts: readonly { length: number }[]) => parts.reduce((s, p) => s + p.length, 0)

export function int32Tensor(parts: readonly Int32Array[], ...dims: number[]): PlainTensor {
  return { type: 'int32', data: concat(parts, new Int32Array(size(parts))), dims }
}
export function float32Tensor(parts: readonly Float32Array[], ...dims: number[]): PlainTensor {
  return { type: 'float32', data: concat(parts, new Float32Array(size(parts))), dims }
}

/** One field of every row: the per-viewer parts of one batched input. */
const col = <Row, K extends keyof Row>(rows: readonly Row[], key: K): Row[K][] => rows.map((r) => r[key])

/** History inputs for a batch of B viewers. `user` = false leaves out `user_hash` (the user tower). */
export function historyFeeds(hs: readonly HistoryTensors[], user = true): PlainFeeds {
  const b = hs.length
  const feeds: PlainFeeds = {
    hist_post: int32Tensor(col(hs, 'histPost'), b, H, 2),
    hist_author: int32Tensor(col(hs, 'histAuthor'), b, H, 2),
    hist_actions: float32Tensor(col(hs, 'histActions'), b, H, A),
    hist_dwell: float32Tensor(col(hs, 'histDwell'), b, H),
    hist_surface: int32Tensor(col(hs, 'histSurface'), b, H),
    hist_age: int32Tensor(col(hs, 'histAge'), b, H),
    hist_text: int32Tensor(col(hs, 'histText'), b, H, T),
  }
  if (user) feeds.user_hash = int32Tensor(col(hs, 'userHash'), b, 2)
  return feeds
}

/** Candidate inputs for B viewers with the same number of candidates each ([B, C, …]). */
export function candidateFeeds(cs: readonly CandidateTensors[]): PlainFeeds {
  const b = cs.length
  const n = cs[0]?.n ?? 0
  if (cs.some((c) => c.n !== n))
    throw new Error('candidateFeeds: every batch row needs the same candidate count')
  return {
    cand_post: int32Tensor(col(cs, 'candPost'), b, n, 2),
    cand_author: int32Tensor(col(cs, 'candAuthor'), b, n, 2),
    cand_text: int32Tensor(col(cs, 'candText'), b, n, T),
    cand_media: int32Tensor(col(cs, 'candMedia'), b, n),
    cand_age: int32Tensor(col(cs, 'candAge'), b, n),
    cand_counts: int32Tensor(col(cs, 'candCounts'), b, n, NC),
    cand_flags: float32Tensor(col(cs, 'candFlags'), b, n, 4),
  }
}

/** Post-tower inputs for N posts ([N, …], no session batch). */
export function postFeeds(c: CandidateTensors): PlainFeeds {
  return {
    cand_author: int32Tensor([c.candAuthor], c.n, 2),
    cand_text: int32Tensor([c.candText], c.n, T),
    cand_media: int32Tensor([c.candMedia], c.n),
    cand_counts: int32Tensor([c.candCounts], c.n, NC),
  }
}

/** ranker_candidates.onnx's prefix inputs for one viewer (copies, so the caller's prefix stays usable). */
export function prefixFeeds(prefix: PrefixTensors): PlainFeeds {
  const kv = PREFIX_KV_DIMS.reduce((a, b) => a * b, 1)
  if (prefix.keys.length !== kv || prefix.values.length !== kv || prefix.valid.length !== H + 1)
    throw new Error(`prefixFeeds: keys/values need ${kv} values and valid ${H + 1}`)
  return {
    prefix_k: float32Tensor([prefix.keys], ...PREFIX_KV_DIMS),
    prefix_v: float32Tensor([prefix.values], ...PREFIX_KV_DIMS),
    prefix_valid: float32Tensor([prefix.valid], 1, H + 1),
  }
}

/** ranker_candidates.onnx's full input set for one viewer's prefix and one batch of candidates. */
export function rankerCandidateFeeds(prefix: PrefixTensors, c: CandidateTensors): PlainFeeds {
  return { ...prefixFeeds(prefix), ...candidateFeeds([c]) }
}
