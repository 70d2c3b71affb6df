// The plug-in ceiling's quality estimates: an author's and a post's quality as the public counts reveal
// them, posterior means on a grid under the world's own count model (shared/world/popularity.ts):
//   author quality a ~ Beta(2, 2) (Beta(1.2, 5) for spammy authors, whose spam shows in their text),
//   post quality q = 0.55·a + 0.45·b, b ~ Beta(2, 2),
//   count ≈ views · rate · qualityGate(q) · LogNormal(0, 0.25) (Poisson noise on top).
// The per-view rates are not taken from the generator: they are estimated from the counts themselves.
import { qualityGate } from '../world/popularity.ts'

const GRID = 41
const COUNT_NOISE = 0.25
/** Grid points (midpoints) for qualities in [0, 1]. */
export const QUALITY_GRID = Float64Array.from({ length: GRID }, (_, i) => (i + 0.5) / GRID)

function betaPdf(x: number, a: number, b: number): number {
  if (x <= 0 || x >= 1) return 0
  return x ** (a - 1) * (1 - x) ** (b - 1)
}

function normalized(w: Float64Array): Float64Array {
  const s = w.reduce((x, y) => x + y, 0)
  return s > 0 ? w.map((x) => x / s) : w.fill(1 / w.length)
}

export function authorPrior(spammy: boolean): Float64Array {
  return normalized(QUALITY_GRID.map((a) => (spammy ? betaPdf(a, 1.2, 5) : betaPdf(a, 2, 2))))
}

/** KERNEL[i][j] = P(post quality q_j | author quality a_i) on the grid. */
const KERNEL: Float64Array[] = Array.from(QUALITY_GRID, (a) =>
  normalized(QUALITY_GRID.map((q) => betaPdf((q - 0.55 * a) / 0.45, 2, 2))),
)

/** The two counts the estimate reads; reply / repost / quote include in-world children and say less. */
export interface QualityCounts {
  favorite: number
  repost: number
  view: number
}

/** Per-view base rates (before the quality gate), estimated from a population of posts' counts. */
export interface CountRates {
  favorite: number
  repost: number
}

const LOG_GATE = {
  true: QUALITY_GRID.map((q) => Math.log(qualityGate(q, true))),
  false: QUALITY_GRID.map((q) => Math.log(qualityGate(q, false))),
}

/** Likelihood of each grid quality given one post's counts, scaled so its maximum is 1. */
export function countLikelihood(c: QualityCounts, spammy: boolean, rates: CountRates): Float64Array {
  const logGate = LOG_GATE[`${spammy}`]
  const out = new Float64Array(GRID)
  const terms = [
    [Math.log(c.favorite + 0.5), Math.log(Math.max(c.view, 1) * rates.favorite)],
    [Math.log(c.repost + 0.5), Math.log(Math.max(c.view, 1) * rates.repost)],
  ] as const
  let max = Number.NEGATIVE_INFINITY
  for (let j = 0; j < GRID; j++) {
    let s = 0
    for (const [logCount, logExposure] of terms) {
      const lambda = Math.exp(logGate[j]! + logExposure)
      const variance = COUNT_NOISE ** 2 + 1 / Math.max(lambda, 0.5)
      const d = logCount - Math.log(lambda + 0.5)
      s += (-d * d) / (2 * variance) - 0.5 * Math.log(variance)
    }
    out[j] = s
    if (s > max) max = s
  }
  for (let j = 0; j < GRID; j++) out[j] = Math.exp(out[j]! - max)
  return out
}

/** The prior's marginal over post quality, for spammy or other authors. */
function postPrior(spammy: boolean): Float64Array {
  const out = new Float64Array(GRID)
  authorPrior(spammy).forEach((pa, i) => {
    for (let j = 0; j < GRID; j++) out[j]! += pa * KERNEL[i]![j]!
  })
  return out
}

/**
 * The per-view rates, by a few fixed-point steps: rate = Σ count / Σ (views × E[gate | counts, rate]).
 * Popular posts are better posts, so a prior-mean gate would overstate the rate.
 */
export function estimateRates(
  posts: readonly { counts: QualityCounts; spammy: boolean }[],
  steps = 3,
): CountRates {
  const prior = { true: postPrior(true), false: postPrior(false) }
  const gate = {
    true: QUALITY_GRID.map((q) => qualityGate(q, true)),
    false: QUALITY_GRID.map((q) => qualityGate(q, false)),
  }
  const gates = posts.map((p) => prior[`${p.spammy}`].reduce((s, w, j) => s + w * gate[`${p.spammy}`][j]!, 0))
  let rates: CountRates = { favorite: 0, repost: 0 }
  for (let step = 0; step <= steps; step++) {
    let fav = 0
    let rep = 0
    let exposure = 0
    posts.forEach((p, i) => {
      fav += p.counts.favorite
      rep += p.counts.repost
      exposure += p.counts.view * gates[i]!
    })
    rates = { favorite: fav / Math.max(exposure, 1), repost: rep / Math.max(exposure, 1) }
    if (step === steps) break
    posts.forEach((p, i) => {
      const l = countLikelihood(p.counts, p.spammy, rates)
      const w = prior[`${p.spammy}`]
      let z = 0
      let g = 0
      for (let j = 0; j < GRID; j++) {
        z += w[j]! * l[j]!
        g += w[j]! * l[j]! * gate[`${p.spammy}`][j]!
      }
      gates[i] = z > 0 ? g / z : gates[i]!
    })
  }
  return rates
}

/** P(counts | a_i) for every grid author quality: the post quality integrated out. */
function marginal(likelihood: Float64Array): Float64Array {
  const out = new Float64Array(GRID)
  for (let i = 0; i < GRID; i++) {
    const row = KERNEL[i]!
    let s = 0
    for (let j = 0; j < GRID; j++) s += row[j]! * likelihood[j]!
    out[i] = s
  }
  return out
}

/** Author-quality posterior over the grid from the likelihoods of the author's known posts. */
export function authorPosterior(spammy: boolean, postLikelihoods: Iterable<Float64Array>): Float64Array {
  const log = authorPrior(spammy).map((p) => Math.log(p + 1e-300))
  for (const l of postLikelihoods) {
    const m = marginal(l)
    for (let i = 0; i < GRID; i++) log[i]! += Math.log(m[i]! + 1e-300)
  }
  const max = Math.max(...log)
  return normalized(log.map((x) => Math.exp(x - max)))
}

/** Posterior means of (author quality, post quality) for one post, given its author's posterior. */
export function qualityEstimate(
  author: Float64Array,
  likelihood: Float64Array,
): { author: number; post: number } {
  let z = 0
  let ea = 0
  let eq = 0
  for (let i = 0; i < GRID; i++) {
    const row = KERNEL[i]!
    for (let j = 0; j < GRID; j++) {
      const w = author[i]! * row[j]! * likelihood[j]!
      z += w
      ea += w * QUALITY_GRID[i]!
      eq += w * QUALITY_GRID[j]!
    }
  }
  return z > 0 ? { author: ea / z, post: eq / z } : { author: 0.5, post: 0.5 }
}
