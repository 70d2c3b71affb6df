// Greedy MAP inference for a determinantal point process (Chen, Zhang & Zhou, "Fast Greedy MAP Inference
// for Determinantal Point Process to Improve Recommendation Diversity", NeurIPS 2018, Algorithm 1), with
// their relevance/diversity trade-off θ: kernel L = Diag(q)·S·Diag(q), q_i = exp(α·r_i), α = θ / (2(1 − θ)),
// so log det L_Y = θ/(1 − θ)·Σ r_i + log det S_Y. Upstream's vm-ranker kernel is not public (§7); this is
// the published algorithm its README names.

export interface DppItem {
  /** Relevance in [0, 1] (the caller normalises scores). */
  relevance: number
  /** Unit-length embedding, or null: an item without one is orthogonal to every other item. */
  embedding: Float64Array | null
}

export interface DppSelection {
  /** Item indices in the order the greedy picked them. */
  order: number[]
  /** For each picked item, the share of its embedding not explained by earlier picks (1 = orthogonal). */
  residual: number[]
}

/** Below this marginal gain the remaining items are (numerically) in the span of the picked ones. */
const EPSILON = 1e-9

function similarity(a: DppItem, b: DppItem, same: boolean): number {
  if (same) return 1
  if (!a.embedding || !b.embedding) return 0
  let dot = 0
  for (let k = 0; k < a.embedding.length; k++) dot += a.embedding[k]! * b.embedding[k]!
  return dot
}

/** Picks up to `maxSelect` items, each time the one that most increases det L_Y. */
export function greedyDpp(items: readonly DppItem[], theta: number, maxSelect: number): DppSelection {
  if (!(theta >= 0 && theta < 1)) throw new RangeError(`theta must be in [0, 1), got ${theta}`)
  const n = items.length
  const alpha = theta / (2 * (1 - theta))
  const quality = items.map((it) => Math.exp(alpha * it.relevance))
  const kernel = (i: number, j: number) =>
    quality[i]! * quality[j]! * similarity(items[i]!, items[j]!, i === j)
  // c[i]: the incremental Cholesky row of item i; d2[i]: its marginal gain d_i² given the picks so far.
  const c: number[][] = items.map(() => [])
  const d2 = items.map((_, i) => kernel(i, i))
  const picked = new Uint8Array(n)
  const order: number[] = []
  const residual: number[] = []
  while (order.length < Math.min(maxSelect, n)) {
    let j = -1
    for (let i = 0; i < n; i++) if (!picked[i] && (j < 0 || d2[i]! > d2[j]!)) j = i
    if (j < 0 || !(d2[j]! >= EPSILON)) break
    picked[j] = 1
    order.push(j)
    residual.push(d2[j]! / quality[j]! ** 2)
    const dj = Math.sqrt(d2[j]!)
    for (let i = 0; i < n; i++) {
      if (picked[i]) continue
      let dot = 0
      for (let k = 0; k < c[j]!.length; k++) dot += c[j]![k]! * c[i]![k]!
      const e = (kernel(j, i) - dot) / dj
      c[i]!.push(e)
      d2[i] = d2[i]! - e * e
    }
  }
  return { order, residual }
}

/** A unit-length copy, or null when the vector is empty, non-finite, zero or of another dimension. */
export function unitEmbedding(v: readonly number[] | undefined, dim: number): Float64Array | null {
  if (!v || v.length === 0 || v.length !== dim) return null
  let norm = 0
  for (const x of v) norm += x * x
  norm = Math.sqrt(norm)
  if (!(norm > 0) || !Number.isFinite(norm)) return null
  return Float64Array.from(v, (x) => x / norm)
}
