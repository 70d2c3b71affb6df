import { describe, expect, it } from 'vitest'
import { fitLogistic, solveSpd } from './logistic-regression.ts'

describe('solveSpd', () => {
  it('solves a 2×2 system worked by hand', () => {
    // [4 2; 2 3] x = [2; 1] → x = [0.5, 0]
    const x = solveSpd(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2)
    expect(x[0]).toBeCloseTo(0.5, 12)
    expect(x[1]).toBeCloseTo(0, 12)
  })
})

describe('fitLogistic', () => {
  it('without a penalty, one binary feature recovers the two groups’ log-odds', () => {
    // x = 0: 1 positive in 4 → bias = log(1/3); x = 1: 3 in 4 → bias + w = log 3, so w = 2 log 3.
    const x = Float64Array.from([0, 0, 0, 0, 1, 1, 1, 1])
    const y = [1, 0, 0, 0, 1, 1, 1, 0]
    const m = fitLogistic(x, y, 1, 0, 50)
    expect(m.bias).toBeCloseTo(Math.log(1 / 3), 6)
    expect(m.weights[0]).toBeCloseTo(2 * Math.log(3), 6)
  })

  it('a penalty shrinks the weight towards 0 but keeps its sign', () => {
    const x = Float64Array.from([0, 0, 0, 0, 1, 1, 1, 1])
    const y = [1, 0, 0, 0, 1, 1, 1, 0]
    const w = fitLogistic(x, y, 1, 2).weights[0]!
    expect(w).toBeGreaterThan(0)
    expect(w).toBeLessThan(2 * Math.log(3) - 0.1)
  })
  it('stays finite on a nearly separable rare head and lands where the penalised gradient is 0', () => {
    // Like video_open: positives only where the (standardised) "is video" feature is on, so a plain Newton
    // step from the base rate overshoots to a bias of about −1e12.
    const n = 2000
    const sd = Math.sqrt(0.1 * 0.9)
    const x = new Float64Array(n * 2)
    const y = new Uint8Array(n)
    for (let i = 0; i < n; i++) {
      const video = i % 10 === 0 ? 1 : 0
      x[i * 2] = (video - 0.1) / sd
      x[i * 2 + 1] = ((i * 7919) % 13) / 13 - 0.5
      y[i] = video && i % 30 === 0 ? 1 : 0
    }
    const m = fitLogistic(x, y, 2, 1)
    expect(Number.isFinite(m.bias)).toBe(true)
    const grad = [0, 0, 0]
    for (let i = 0; i < n; i++) {
      const z = m.bias + m.weights[0]! * x[i * 2]! + m.weights[1]! * x[i * 2 + 1]!
      const r = 1 / (1 + Math.exp(-z)) - y[i]!
      grad[0]! += r
      grad[1]! += r * x[i * 2]!
      grad[2]! += r * x[i * 2 + 1]!
    }
    grad[1]! += m.weights[0]!
    grad[2]! += m.weights[1]!
    for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-3)
  })
})
