import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { areaUnder, reliabilityBins, rocCurve } from './curves.ts'
import { auc } from './metrics.ts'

describe('reliabilityBins', () => {
  it('averages predictions and labels per equal-width bin, 1.0 in the last bin', () => {
    const bins = reliabilityBins([0.05, 0.15, 0.12, 0.95, 1], [0, 1, 0, 1, 1], 10)
    expect(bins).toHaveLength(10)
    expect(bins[0]).toEqual({ lo: 0, hi: 0.1, count: 1, meanPredicted: 0.05, observedRate: 0 })
    expect(bins[1]!.count).toBe(2)
    expect(bins[1]!.meanPredicted).toBeCloseTo(0.135, 12)
    expect(bins[1]!.observedRate).toBe(0.5)
    expect(bins[9]!.count).toBe(2)
    expect(bins[9]!.observedRate).toBe(1)
    expect(Number.isNaN(bins[5]!.observedRate)).toBe(true)
  })
})

describe('rocCurve', () => {
  it('goes straight up then across for a perfect ranking', () => {
    expect(rocCurve([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])).toEqual({
      fpr: [0, 0, 0, 0.5, 1],
      tpr: [0, 0.5, 1, 1, 1],
    })
  })

  it('takes one diagonal step over tied scores', () => {
    expect(rocCurve([0.5, 0.5], [1, 0])).toEqual({ fpr: [0, 1], tpr: [0, 1] })
  })

  it('has the area of the rank-based AUC when not thinned', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { minLength: 2, maxLength: 60 }),
        (rows) => {
          const s = rows.map((r) => r[0] / 20)
          const y = rows.map((r) => (r[1] ? 1 : 0))
          const a = auc(s, y)
          if (Number.isNaN(a)) return
          const c = rocCurve(s, y, 1000)
          expect(areaUnder(c.fpr, c.tpr)).toBeCloseTo(a, 10)
        },
      ),
    )
  })

  it('thins a long curve to maxPoints, keeping both ends', () => {
    const s = Array.from({ length: 1000 }, (_, i) => i / 1000)
    const y = s.map((_, i) => (i % 3 === 0 ? 1 : 0))
    const c = rocCurve(s, y, 50)
    expect(c.fpr).toHaveLength(50)
    expect([c.fpr[0], c.tpr[0], c.fpr[49], c.tpr[49]]).toEqual([0, 0, 1, 1])
  })
})
