// Weighted draws from a prefix sum (cumulative[i] = w_0 + … + w_i): O(log n) per draw.
import type { Rng } from './rng.ts'

export function prefixSum(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length)
  let total = 0
  for (let i = 0; i < weights.length; i++) {
    total += weights[i]!
    out[i] = total
  }
  return out
}

/** Index i with probability w_i / Σw. */
export function drawFromPrefixSum(rng: Rng, cumulative: Float64Array): number {
  const target = rng.next() * cumulative[cumulative.length - 1]!
  let a = 0
  let b = cumulative.length - 1
  while (a < b) {
    const mid = (a + b) >>> 1
    if (cumulative[mid]! <= target) a = mid + 1
    else b = mid
  }
  return a
}
