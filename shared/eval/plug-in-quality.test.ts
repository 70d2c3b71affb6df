import { describe, expect, it } from 'vitest'
import { qualityGate } from '../world/popularity.ts'
import { Rng } from '../world/rng.ts'
import {
  authorPosterior,
  countLikelihood,
  estimateRates,
  QUALITY_GRID,
  qualityEstimate,
} from './plug-in-quality.ts'

const mean = (w: Float64Array) => w.reduce((s, p, i) => s + p * QUALITY_GRID[i]!, 0)
const flat = () => new Float64Array(QUALITY_GRID.length).fill(1)

describe('plug-in quality estimates', () => {
  it('without evidence, returns the prior means: author ½ (Beta(2, 2)), post 0.55·½ + 0.45·½ = ½', () => {
    const author = authorPosterior(false, [])
    expect(mean(author)).toBeCloseTo(0.5, 9)
    const q = qualityEstimate(author, flat())
    expect(q.author).toBeCloseTo(0.5, 9)
    expect(q.post).toBeCloseTo(0.5, 9)
  })

  it('without evidence, a spammy author has the Beta(1.2, 5) mean 1.2 / 6.2 ≈ 0.194 (to grid precision)', () => {
    expect(mean(authorPosterior(true, []))).toBeCloseTo(1.2 / 6.2, 2)
  })

  it('recovers the per-view rates a simulated population was drawn with (0.03 favorites, 0.008 reposts)', () => {
    const rng = Rng.derive(7, 'plug-in-rates')
    const posts = Array.from({ length: 3000 }, () => {
      const q = 0.55 * rng.beta(2, 2) + 0.45 * rng.beta(2, 2)
      const view = Math.round(200 + rng.lognormal(7, 1))
      const gate = qualityGate(q, false)
      return {
        counts: { favorite: rng.poisson(view * 0.03 * gate), repost: rng.poisson(view * 0.008 * gate), view },
        spammy: false,
      }
    })
    const rates = estimateRates(posts)
    expect(rates.favorite).toBeGreaterThan(0.03 * 0.85)
    expect(rates.favorite).toBeLessThan(0.03 * 1.15)
    expect(rates.repost).toBeGreaterThan(0.008 * 0.85)
    expect(rates.repost).toBeLessThan(0.008 * 1.15)
  })

  it('moves post and author quality with the counts: a post at gate(0.9) rates high, one at gate(0.1) low', () => {
    const rates = { favorite: 0.03, repost: 0.008 }
    const at = (q: number) => {
      const g = qualityGate(q, false) * 20_000
      return countLikelihood(
        { favorite: Math.round(g * 0.03), repost: Math.round(g * 0.008), view: 20_000 },
        false,
        rates,
      )
    }
    const good = qualityEstimate(authorPosterior(false, []), at(0.9))
    const bad = qualityEstimate(authorPosterior(false, []), at(0.1))
    expect(good.post).toBeGreaterThan(0.75)
    expect(bad.post).toBeLessThan(0.3)
    // An author whose ten posts all show quality 0.9 is estimated well above the prior mean.
    expect(
      mean(
        authorPosterior(
          false,
          Array.from({ length: 10 }, () => at(0.9)),
        ),
      ),
    ).toBeGreaterThan(0.75)
  })
})
