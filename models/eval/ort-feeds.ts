// onnxruntime feeds for models/eval: the shared feeds builder (shared/phoenix/onnx-feeds.ts) builds the plain
// tensor records; this only wraps each in an ort.Tensor.
import * as ort from 'onnxruntime-web'
import type { CandidateTensors, HistoryTensors } from '../../shared/phoenix/features.ts'
import * as plain from '../../shared/phoenix/onnx-feeds.ts'

export type Feeds = Record<string, ort.Tensor>

export function toOrtTensor(t: plain.PlainTensor): ort.Tensor {
  return t.type === 'int32'
    ? new ort.Tensor('int32', t.data, t.dims)
    : new ort.Tensor('float32', t.data, t.dims)
}

export function toOrtFeeds(feeds: plain.PlainFeeds): Feeds {
  const out: Feeds = {}
  for (const [name, t] of Object.entries(feeds)) out[name] = toOrtTensor(t)
  return out
}

/** History inputs for a batch of B viewers. `user` = false leaves out `user_hash` (the user tower). */
export const historyFeeds = (hs: readonly HistoryTensors[], user = true): Feeds =>
  toOrtFeeds(plain.historyFeeds(hs, user))

/** Candidate inputs for B viewers with the same number of candidates each ([B, C, …]). */
export const candidateFeeds = (cs: readonly CandidateTensors[]): Feeds => toOrtFeeds(plain.candidateFeeds(cs))

/** Post-tower inputs for N posts ([N, …], no session batch). */
export const postFeeds = (c: CandidateTensors): Feeds => toOrtFeeds(plain.postFeeds(c))

/** ranker_candidates.onnx inputs: one viewer's cached prefix plus a batch of candidates. */
export const rankerCandidateFeeds = (prefix: plain.PrefixTensors, c: CandidateTensors): Feeds =>
  toOrtFeeds(plain.rankerCandidateFeeds(prefix, c))
