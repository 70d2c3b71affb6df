import { describe, expect, it } from 'vitest'
import { defaultSelect, sortByScoreDescending } from './select.ts'

type Item = { id: string; s: number | undefined }
const items = (...scores: (number | undefined)[]): Item[] => scores.map((s, i) => ({ id: `c${i}`, s }))
const ids = (xs: Item[]) => xs.map((x) => x.id)

describe('sortByScoreDescending', () => {
  it('orders finite scores from highest to lowest', () => {
    const out = sortByScoreDescending(items(0.2, 0.9, -1, 0.5), (x) => x.s)
    expect(out.map((x) => x.s)).toEqual([0.9, 0.5, 0.2, -1])
  })

  it('sinks NaN, +Infinity, -Infinity and missing scores below every finite score, in input order', () => {
    const input = items(
      Number.NaN,
      0.1,
      Number.POSITIVE_INFINITY,
      -1e9,
      undefined,
      Number.NEGATIVE_INFINITY,
      3,
    )
    const out = sortByScoreDescending(input, (x) => x.s)
    expect(ids(out)).toEqual(['c6', 'c1', 'c3', 'c0', 'c2', 'c4', 'c5'])
  })

  it('is stable for ties', () => {
    const out = sortByScoreDescending(items(1, 2, 1, 2, 1), (x) => x.s)
    expect(ids(out)).toEqual(['c1', 'c3', 'c0', 'c2', 'c4'])
  })

  it('reads each score once', () => {
    let calls = 0
    sortByScoreDescending(items(3, 1, 2, 5, 4), (x) => {
      calls++
      return x.s
    })
    expect(calls).toBe(5)
  })

  it('does not modify its input', () => {
    const input = items(1, 3, 2)
    sortByScoreDescending(input, (x) => x.s)
    expect(ids(input)).toEqual(['c0', 'c1', 'c2'])
  })
})

describe('defaultSelect', () => {
  const selector = (size?: number) => ({ name: 'S', score: (x: Item) => x.s, size })

  it('keeps everything when no size is set', () => {
    const r = defaultSelect(selector(), items(1, 2, 3))
    expect(ids(r.selected)).toEqual(['c2', 'c1', 'c0'])
    expect(r.nonSelected).toEqual([])
  })

  it('keeps the top `size` and returns the rest as non-selected, in sorted order', () => {
    const r = defaultSelect(selector(2), items(1, Number.NaN, 3, 2))
    expect(ids(r.selected)).toEqual(['c2', 'c3'])
    expect(ids(r.nonSelected)).toEqual(['c0', 'c1'])
  })

  it('clamps a size larger than the input', () => {
    const r = defaultSelect(selector(10), items(1, 2))
    expect(r.selected).toHaveLength(2)
    expect(r.nonSelected).toHaveLength(0)
  })

  it('selects nothing with size 0', () => {
    const r = defaultSelect(selector(0), items(1, 2))
    expect(r.selected).toHaveLength(0)
    expect(ids(r.nonSelected)).toEqual(['c1', 'c0'])
  })
})
