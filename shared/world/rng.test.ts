import { describe, expect, it } from 'vitest'
import { Rng } from './rng.ts'

function stats(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length
  return { mean, variance: xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length }
}

const draws = (n: number, f: () => number) => Array.from({ length: n }, f)

describe('Rng', () => {
  it('repeats a stream for the same seed and differs for another', () => {
    const a = draws(5, () => new Rng(42).next())
    const b = new Rng(42)
    const c = new Rng(43)
    const seqB = draws(5, () => b.next())
    const seqC = draws(5, () => c.next())
    expect(a.every((x) => x === a[0])).toBe(true)
    expect(seqB[0]).toBe(a[0])
    expect(seqB).not.toEqual(seqC)
  })

  it('derives independent, reproducible streams from keys', () => {
    const first = (...keys: (number | string)[]) => Rng.derive(1, ...keys).nextU32()
    expect(first('timeline', 3)).toBe(first('timeline', 3))
    expect(first('timeline', 3)).not.toBe(first('timeline', 4))
    expect(first('a', 'bc')).not.toBe(first('ab', 'c'))
    const seen = new Set(Array.from({ length: 20_000 }, (_, i) => first('session', i)))
    expect(seen.size).toBeGreaterThan(19_990)
  })

  it('draws uniforms in [0, 1) with the right mean and variance', () => {
    const r = new Rng(1)
    const xs = draws(100_000, () => r.next())
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...xs)).toBeLessThan(1)
    const s = stats(xs)
    expect(s.mean).toBeCloseTo(0.5, 2)
    expect(s.variance).toBeCloseTo(1 / 12, 2)
  })

  it('matches the moments of normal, lognormal, gamma, beta and poisson', () => {
    const r = new Rng(2)
    const n = stats(draws(50_000, () => r.normal(3, 2)))
    expect(n.mean).toBeCloseTo(3, 1)
    expect(Math.sqrt(n.variance)).toBeCloseTo(2, 1)
    expect(stats(draws(50_000, () => r.lognormal(0, 0.5))).mean).toBeCloseTo(Math.exp(0.125), 1)
    const g = stats(draws(50_000, () => r.gamma(1.5)))
    expect(g.mean).toBeCloseTo(1.5, 1)
    expect(g.variance).toBeCloseTo(1.5, 1)
    expect(stats(draws(50_000, () => r.gamma(0.5))).mean).toBeCloseTo(0.5, 1)
    expect(stats(draws(50_000, () => r.beta(2, 5))).mean).toBeCloseTo(2 / 7, 2)
    expect(stats(draws(50_000, () => r.poisson(3.5))).mean).toBeCloseTo(3.5, 1)
    expect(stats(draws(20_000, () => r.poisson(400))).mean / 400).toBeCloseTo(1, 2)
  })

  it('draws categories in proportion to their weights and ints within bounds', () => {
    const r = new Rng(3)
    const counts = [0, 0, 0]
    for (let i = 0; i < 60_000; i++) counts[r.categorical([1, 2, 3])]! += 1
    expect(counts.map((c) => c / 60_000)).toEqual([
      expect.closeTo(1 / 6, 2),
      expect.closeTo(2 / 6, 2),
      expect.closeTo(3 / 6, 2),
    ])
    const ints = draws(10_000, () => r.int(8, 64))
    expect(Math.min(...ints)).toBe(8)
    expect(Math.max(...ints)).toBe(64)
    expect(() => r.categorical([0, 0])).toThrow()
  })

  it('shuffles to a permutation', () => {
    const xs = new Rng(4).shuffle(Array.from({ length: 100 }, (_, i) => i))
    expect([...xs].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i))
    expect(xs).not.toEqual(Array.from({ length: 100 }, (_, i) => i))
  })
})
