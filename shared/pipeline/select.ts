// The default selection: sort by score descending and keep the top `size`.
import type { Selector, SelectResult } from './stage-types.ts'

/**
 * Descending by score. NaN, ±Infinity and missing scores sink below every finite score; equal scores
 * (and the sunk ones among themselves) keep their input order. Scores are read once per candidate.
 */
export function sortByScoreDescending<C>(candidates: readonly C[], score: (c: C) => number | undefined): C[] {
  const finite: { c: C; s: number }[] = []
  const sunk: C[] = []
  for (const c of candidates) {
    const s = score(c)
    if (typeof s === 'number' && Number.isFinite(s)) finite.push({ c, s })
    else sunk.push(c)
  }
  // Array.prototype.sort is stable (ES2019), so ties keep their input order.
  finite.sort((a, b) => b.s - a.s)
  const out = new Array<C>(candidates.length)
  let i = 0
  for (const f of finite) out[i++] = f.c
  for (const c of sunk) out[i++] = c
  return out
}

export function defaultSelect<Q, C>(selector: Selector<Q, C>, candidates: readonly C[]): SelectResult<C> {
  const sorted = sortByScoreDescending(candidates, (c) => selector.score(c))
  if (selector.size === undefined) return { selected: sorted, nonSelected: [] }
  const cut = Math.min(Math.max(0, selector.size), sorted.length)
  return { selected: sorted.slice(0, cut), nonSelected: sorted.slice(cut) }
}
