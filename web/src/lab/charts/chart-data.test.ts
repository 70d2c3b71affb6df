import { describe, expect, it } from 'vitest'
import { histogram, observedRates, percentile, rocOnGrid, unitGrid } from './chart-data'

describe('rocOnGrid', () => {
  it('reads the best TPR reached at or below each grid FPR', () => {
    const curve = { fpr: [0, 0, 0.5, 1], tpr: [0, 0.5, 1, 1] }
    expect(rocOnGrid(curve, unitGrid(4))).toEqual([0.5, 0.5, 1, 1, 1])
  })
})

describe('observedRates', () => {
  it('leaves empty bins as gaps', () => {
    const bin = (count: number, observedRate: number) => ({
      lo: 0,
      hi: 1,
      count,
      meanPredicted: 0,
      observedRate,
    })
    expect(observedRates([bin(2, 0.5), bin(0, Number.NaN)])).toEqual([0.5, null])
  })
})

describe('histogram', () => {
  it('puts every series on the same bins, the maximum in the last one', () => {
    const h = histogram([[0, 1, 2], [4]], 4)
    expect(h.width).toBe(1)
    expect(h.centres).toEqual([0.5, 1.5, 2.5, 3.5])
    expect(h.counts).toEqual([
      [1, 1, 1, 0],
      [0, 0, 0, 1],
    ])
  })

  it('makes one bin when every value is equal', () => {
    expect(histogram([[3, 3]]).counts).toEqual([[2]])
  })
})

describe('percentile', () => {
  it('takes the nearest rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 0.5)).toBe(3)
    expect(percentile([5, 1, 3, 2, 4], 0.95)).toBe(5)
  })
})
