// Row selection on featurized candidates: subsets, permutations and repeats for isolation tests, and
// per-session slices for batching.
import { COUNT_FEATURES, PHOENIX_CONFIG } from '../config.ts'
import type { CandidateTensors } from '../features.ts'

const T = PHOENIX_CONFIG.textTokens
const NC = COUNT_FEATURES.length

/** The candidates at `indices` (in that order; repeats allowed), as a new tensor set. */
export function selectCandidates(c: CandidateTensors, indices: readonly number[]): CandidateTensors {
  const pick = <Arr extends Int32Array | Float32Array>(
    src: Arr,
    width: number,
    make: (n: number) => Arr,
  ): Arr => {
    const out = make(indices.length * width)
    indices.forEach((i, k) => {
      if (i < 0 || i >= c.n) throw new RangeError(`candidate ${i} of ${c.n}`)
      out.set(src.subarray(i * width, (i + 1) * width), k * width)
    })
    return out
  }
  const ints = (n: number) => new Int32Array(n)
  return {
    n: indices.length,
    candPost: pick(c.candPost, 2, ints),
    candAuthor: pick(c.candAuthor, 2, ints),
    candText: pick(c.candText, T, ints),
    candMedia: pick(c.candMedia, 1, ints),
    candAge: pick(c.candAge, 1, ints),
    candCounts: pick(c.candCounts, NC, ints),
    candFlags: pick(c.candFlags, 4, (n) => new Float32Array(n)),
  }
}

/** `c` followed by `extra` all-zero (padding) candidate rows. */
export function padCandidates(c: CandidateTensors, extra: number): CandidateTensors {
  const grow = <Arr extends Int32Array | Float32Array>(
    src: Arr,
    width: number,
    make: (n: number) => Arr,
  ): Arr => {
    const out = make((c.n + extra) * width)
    out.set(src)
    return out
  }
  const ints = (n: number) => new Int32Array(n)
  return {
    n: c.n + extra,
    candPost: grow(c.candPost, 2, ints),
    candAuthor: grow(c.candAuthor, 2, ints),
    candText: grow(c.candText, T, ints),
    candMedia: grow(c.candMedia, 1, ints),
    candAge: grow(c.candAge, 1, ints),
    candCounts: grow(c.candCounts, NC, ints),
    candFlags: grow(c.candFlags, 4, (n) => new Float32Array(n)),
  }
}
