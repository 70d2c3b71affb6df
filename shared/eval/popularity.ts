// The popularity baselines. They see only a post's public engagement counts — never the viewer.
//
// Ranker heads: each head reads one per-view rate, smoothed towards the population's rate,
//   rate = (count + β · globalRate) / (views + β),  β = 200 views,
// where count is the head's own count for favorite / reply / repost / quote, the sum of those four
// ("engagement") for the other positive heads, and nothing for the negative heads (not_interested,
// block_author, mute_author, report, not_dwelled, post_unexplored), which get their base rate (AUC ½).
// Probabilities are rate × trainBaseRate / mean(rate over the scored candidates), so their mean matches
// the head's training base rate (this uses no labels); clamped to [1e-6, 1 − 1e-6].
//
// Retrieval: the same 100 most-engaged posts (favorite + reply + repost + quote) for every viewer.
import { DISCRETE_ACTIONS, type DiscreteAction, NEGATIVE_ACTIONS } from '../phoenix/actions.ts'
import type { DatasetPost } from './eval-data.ts'

export const POPULARITY_PRIOR_VIEWS = 200
type Signal = 'favorite' | 'reply' | 'repost' | 'quote' | 'engagement' | 'none'

export function popularitySignal(head: DiscreteAction): Signal {
  if (head === 'favorite' || head === 'reply' || head === 'repost' || head === 'quote') return head
  if (head === 'post_unexplored' || NEGATIVE_ACTIONS.includes(head)) return 'none'
  return 'engagement'
}

function signalCount(p: DatasetPost, s: Signal): number {
  const c = p.counts
  switch (s) {
    case 'engagement':
      return c.favorite + c.reply + c.repost + c.quote
    case 'none':
      return 0
    default:
      return c[s]
  }
}

/** Per-view global rate of each signal over a population of posts. */
function globalRates(population: Iterable<DatasetPost>): Record<Signal, number> {
  const sums: Record<Signal, number> = { favorite: 0, reply: 0, repost: 0, quote: 0, engagement: 0, none: 0 }
  let views = 0
  for (const p of population) {
    views += p.counts.view
    for (const s of Object.keys(sums) as Signal[]) sums[s] += signalCount(p, s)
  }
  for (const s of Object.keys(sums) as Signal[]) sums[s] /= Math.max(views, 1)
  return sums
}

/**
 * Popularity probabilities [n, A] for the candidate posts, head order DISCRETE_ACTIONS. `population` sets
 * the smoothing prior; `baseRates` (per head name) the scale.
 */
export function popularityProbs(
  candidates: readonly DatasetPost[],
  population: Iterable<DatasetPost>,
  baseRates: Readonly<Record<string, number>>,
): Float64Array {
  const n = candidates.length
  const A = DISCRETE_ACTIONS.length
  const prior = globalRates(population)
  const out = new Float64Array(n * A)
  DISCRETE_ACTIONS.forEach((head, h) => {
    const base = baseRates[head] ?? 0
    const signal = popularitySignal(head)
    const rates = candidates.map((p) =>
      signal === 'none'
        ? 1
        : (signalCount(p, signal) + POPULARITY_PRIOR_VIEWS * prior[signal]) /
          (p.counts.view + POPULARITY_PRIOR_VIEWS),
    )
    const mean = rates.reduce((a, b) => a + b, 0) / Math.max(n, 1)
    rates.forEach((r, i) => {
      const p = mean > 0 ? (base * r) / mean : base
      out[i * A + h] = Math.min(Math.max(p, 1e-6), 1 - 1e-6)
    })
  })
  return out
}

/** Retrieval's popularity score of a post: its total engagement count. */
export function engagementCount(p: DatasetPost): number {
  return signalCount(p, 'engagement')
}
