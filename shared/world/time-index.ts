// Posts sorted by creation time with a prefix sum of weight × exp((t − t0)/τ). Because an exponential
// recency decay exp(−(T − t)/τ) differs from exp((t − t0)/τ) only by a factor fixed for a given T, one
// prefix sum samples "popularity × recency at time T" inside any time window in O(log n).
import type { Rng } from './rng.ts'

/** Recency time constant for sampling posts (histories, candidates, reply parents). */
export const RECENCY_TAU_MS = 10 * 3_600_000

export class TimeIndex {
  readonly posts: Int32Array
  readonly times: Float64Array
  private readonly cumulative: Float64Array

  /** `items` must be sorted by time ascending. */
  constructor(items: readonly { index: number; time: number; weight: number }[], originMs: number) {
    const n = items.length
    this.posts = new Int32Array(n)
    this.times = new Float64Array(n)
    this.cumulative = new Float64Array(n + 1)
    for (let i = 0; i < n; i++) {
      const it = items[i]!
      if (i > 0 && it.time < this.times[i - 1]!) throw new Error('TimeIndex items must be sorted by time')
      this.posts[i] = it.index
      this.times[i] = it.time
      this.cumulative[i + 1] =
        this.cumulative[i]! + it.weight * Math.exp((it.time - originMs) / RECENCY_TAU_MS)
    }
  }

  get size(): number {
    return this.posts.length
  }

  /** First position whose time is ≥ t. */
  lowerBound(t: number): number {
    const times = this.times
    let lo = 0
    let hi = times.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (times[mid]! < t) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Positions [lo, hi) of posts created in [fromMs, toMs). */
  range(fromMs: number, toMs: number): [number, number] {
    return [this.lowerBound(fromMs), this.lowerBound(toMs)]
  }

  /** A post index created in [fromMs, toMs), ∝ weight × recency; −1 when the window is empty. */
  sample(rng: Rng, fromMs: number, toMs: number): number {
    const [lo, hi] = this.range(fromMs, toMs)
    if (hi <= lo) return -1
    const c = this.cumulative
    const base = c[lo]!
    const total = c[hi]! - base
    if (!(total > 0)) return this.posts[lo + Math.floor(rng.next() * (hi - lo))]!
    const target = base + rng.next() * total
    let a = lo
    let b = hi - 1
    while (a < b) {
      const mid = (a + b) >>> 1
      if (c[mid + 1]! <= target) a = mid + 1
      else b = mid
    }
    return this.posts[a]!
  }
}
