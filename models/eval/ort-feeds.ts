// Phoenix tensors (shared/phoenix/features.ts) → onnxruntime feeds, named as the ONNX inputs are
// (models/train/ARCHITECTURE.md), with a leading batch dimension where the graph has one.
import * as ort from 'onnxruntime-web'
import { COUNT_FEATURES, PHOENIX_CONFIG } from '../../shared/phoenix/config.ts'
import type { CandidateTensors, HistoryTensors } from '../../shared/phoenix/features.ts'

const { historyLen: H, discreteHeads: A, textTokens: T } = PHOENIX_CONFIG
const NC = COUNT_FEATURES.length
export type Feeds = Record<string, ort.Tensor>

function concat<Arr extends Int32Array | Float32Array>(parts: readonly Arr[], out: Arr): Arr {
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
const size = (parts: readonly { length: number }[]) => parts.reduce((s, p) => s + p.length, 0)
const ints = (parts: readonly Int32Array[], ...dims: number[]) =>
  new ort.Tensor('int32', concat(parts, new Int32Array(size(parts))), dims)
const floats = (parts: readonly Float32Array[], ...dims: number[]) =>
  new ort.Tensor('float32', concat(parts, new Float32Array(size(parts))), dims)

/** One field of every row: the per-viewer parts of one batched input. */
const col = <Row, K extends keyof Row>(rows: readonly Row[], key: K): Row[K][] => rows.map((r) => r[key])

/** History inputs for a batch of B viewers. `user` = false leaves out `user_hash` (the user tower). */
export function historyFeeds(hs: readonly HistoryTensors[], user = true): Feeds {
  const b = hs.length
  const feeds: Feeds = {
    hist_post: ints(col(hs, 'histPost'), b, H, 2),
    hist_author: ints(col(hs, 'histAuthor'), b, H, 2),
    hist_actions: floats(col(hs, 'histActions'), b, H, A),
    hist_dwell: floats(col(hs, 'histDwell'), b, H),
    hist_surface: ints(col(hs, 'histSurface'), b, H),
    hist_age: ints(col(hs, 'histAge'), b, H),
    hist_text: ints(col(hs, 'histText'), b, H, T),
  }
  if (user) feeds.user_hash = ints(col(hs, 'userHash'), b, 2)
  return feeds
}

/** Candidate inputs for B viewers with the same number of candidates each ([B, C, …]). */
export function candidateFeeds(cs: readonly CandidateTensors[]): Feeds {
  const b = cs.length
  const n = cs[0]?.n ?? 0
  if (cs.some((c) => c.n !== n))
    throw new Error('candidateFeeds: every batch row needs the same candidate count')
  return {
    cand_post: ints(col(cs, 'candPost'), b, n, 2),
    cand_author: ints(col(cs, 'candAuthor'), b, n, 2),
    cand_text: ints(col(cs, 'candText'), b, n, T),
    cand_media: ints(col(cs, 'candMedia'), b, n),
    cand_age: ints(col(cs, 'candAge'), b, n),
    cand_counts: ints(col(cs, 'candCounts'), b, n, NC),
    cand_flags: floats(col(cs, 'candFlags'), b, n, 4),
  }
}

/** Post-tower inputs for N posts ([N, …], no session batch). */
export function postFeeds(c: CandidateTensors): Feeds {
  return {
    cand_author: ints([c.candAuthor], c.n, 2),
    cand_text: ints([c.candText], c.n, T),
    cand_media: ints([c.candMedia], c.n),
    cand_counts: ints([c.candCounts], c.n, NC),
  }
}
