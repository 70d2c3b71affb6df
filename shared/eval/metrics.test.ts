import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { auc, calibration, logLoss, normalizedEntropy, topK } from './metrics.ts'

/** AUC by definition: over all (positive, negative) pairs, 1 when the positive scores higher, ½ on a tie. */
function pairwiseAuc(s: number[], y: number[]): number {
  let wins = 0
  let pairs = 0
  s.forEach((sp, i) => {
    if (y[i] !== 1) return
    s.forEach((sn, j) => {
      if (y[j] !== 0) return
      pairs++
      wins += sp > sn ? 1 : sp === sn ? 0.5 : 0
    })
  })
  return pairs === 0 ? Number.NaN : wins / pairs
}

describe('auc', () => {
  it('equals the pairwise definition, ties included (scores from a small set force ties)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 2, maxLength: 60 }),
        (rows) => {
          const s = rows.map(([v]) => v / 5)
          const y = rows.map(([, b]) => (b ? 1 : 0))
          const want = pairwiseAuc(s, y)
          if (Number.isNaN(want)) expect(auc(s, y)).toBeNaN()
          else expect(auc(s, y)).toBeCloseTo(want, 12)
        },
      ),
      { seed: 11, numRuns: 300 },
    )
  })

  it('is 1 for a perfect ranking, 0 for a reversed one, ½ for constant scores', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1)
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0)
    expect(auc([0.3, 0.3, 0.3], [0, 1, 0])).toBe(0.5)
    expect(auc([0.3, 0.4], [1, 1])).toBeNaN()
  })
})

describe('normalized entropy, log loss, calibration', () => {
  it('the base-rate predictor has NE 1 and calibration 1', () => {
    const y = [1, 0, 0, 0, 1, 0, 0, 0]
    const p = y.map(() => 0.25)
    expect(normalizedEntropy(p, y)).toBeCloseTo(1, 12)
    expect(calibration(p, y)).toBeCloseTo(1, 12)
  })

  it('better predictions lower NE; log loss matches the formula', () => {
    const y = [1, 0, 0, 1]
    expect(normalizedEntropy([0.9, 0.1, 0.1, 0.9], y)).toBeLessThan(0.5)
    expect(logLoss([0.8, 0.4], [1, 0])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12)
    expect(calibration([0.5, 0.5, 0.5, 0.5], y)).toBe(1)
    expect(calibration([0.2], [0])).toBeNaN()
  })
})

describe('topK', () => {
  it('returns the k best indices, ties to the lower index', () => {
    expect(topK([0.1, 0.9, 0.5, 0.9], 3)).toEqual([1, 3, 2])
    expect(topK([1, 2], 5)).toEqual([1, 0])
  })
})
