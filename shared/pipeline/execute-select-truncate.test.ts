// Selection, truncation to the result size, finalize, and the explanation of each candidate's fate.
import { describe, expect, it } from 'vitest'
import { execute } from './execute.ts'
import { candidateFate } from './explain.ts'
import {
  newQuery,
  post,
  predicateFilter,
  staticSource,
  type TestQuery,
  testPipeline,
} from './pipeline.fixtures.ts'

const scored = (...scores: (number | undefined)[]) =>
  staticSource(
    'S',
    scores.map((score, i) => post(String(i), 'a', { score })),
  )

describe('selection and truncation', () => {
  it('selects by score with non-finite scores last', async () => {
    const p = testPipeline({ sources: [scored(Number.NaN, 2, Number.POSITIVE_INFINITY, 9, undefined, 5)] })
    const r = await execute(p, newQuery())
    expect(r.selected.map((c) => c.id)).toEqual(['3', '5', '1', '0', '2', '4'])
  })

  it('a disabled selector passes every candidate through in input order', async () => {
    const p = testPipeline({
      sources: [scored(1, 3, 2)],
      selector: { name: 'Off', score: (c) => c.score, size: 1, enable: () => false },
    })
    const r = await execute(p, newQuery())
    expect(r.selected.map((c) => c.id)).toEqual(['0', '1', '2'])
    expect(r.trace.stages.find((s) => s.stage === 'selector')).toMatchObject({
      disabled: ['Off'],
      components: [],
    })
  })

  it('a custom select replaces the default', async () => {
    const p = testPipeline({
      sources: [scored(1, 3, 2)],
      selector: {
        name: 'Reverse',
        score: (c) => c.score,
        select: (_q, cs) => ({ selected: [...cs].reverse(), nonSelected: [] }),
      },
    })
    expect((await execute(p, newQuery())).selected.map((c) => c.id)).toEqual(['2', '1', '0'])
  })

  it('truncates after post-selection filtering and sends the cut to the non-selected', async () => {
    const p = testPipeline({
      sources: [scored(10, 9, 8, 7, 6, 5)],
      selector: { name: 'Top5', score: (c) => c.score, size: 5 },
      postSelectionFilters: [predicateFilter('DropTop', (c) => c.id === '0')],
      resultSize: 3,
    })
    const r = await execute(p, newQuery())
    expect(r.selected.map((c) => c.id)).toEqual(['1', '2', '3'])
    expect(r.nonSelected.map((c) => c.id)).toEqual(['5', '4'])
    expect(r.trace.truncated).toEqual(['4'])
    expect(r.trace.counts).toEqual({ retrieved: 6, filtered: 1, selected: 3, nonSelected: 2, truncated: 1 })
  })

  it('returns fewer than the result size when filters leave fewer', async () => {
    const p = testPipeline({ sources: [scored(1, 2)], resultSize: 10 })
    expect((await execute(p, newQuery())).selected).toHaveLength(2)
  })

  it('finalize sees the truncated list and its return value is served', async () => {
    let seen: string[] = []
    const p = testPipeline({
      sources: [scored(3, 2, 1)],
      resultSize: 2,
      finalize: (_q: TestQuery, cs) => {
        seen = cs.map((c) => c.id)
        return [...cs].reverse()
      },
    })
    const r = await execute(p, newQuery())
    expect(seen).toEqual(['0', '1'])
    expect(r.selected.map((c) => c.id)).toEqual(['1', '0'])
  })

  it('a finalize that throws serves the un-finalized selection and says so in the trace', async () => {
    const p = testPipeline({
      sources: [scored(3, 2)],
      finalize: () => {
        throw new Error('ad slot service down')
      },
    })
    const r = await execute(p, newQuery())
    expect(r.selected.map((c) => c.id)).toEqual(['0', '1'])
    expect(r.trace.finalizeError).toBe('ad slot service down')
  })
})

describe('candidateFate', () => {
  it('explains selected, filtered, truncated, not selected and unknown candidates', async () => {
    const p = testPipeline({
      sources: [scored(10, 9, 8, 7, 6)],
      filters: [predicateFilter('SeenFilter', (c) => c.id === '1')],
      selector: { name: 'Top3', score: (c) => c.score, size: 3 },
      resultSize: 2,
    })
    const r = await execute(p, newQuery())
    expect(candidateFate(p, r, '2')).toEqual({ fate: 'selected', position: 1 })
    expect(candidateFate(p, r, '1')).toEqual({ fate: 'filtered', stage: 'filter', filter: 'SeenFilter' })
    expect(candidateFate(p, r, '3')).toEqual({ fate: 'truncated' })
    expect(candidateFate(p, r, '4')).toEqual({ fate: 'not_selected' })
    expect(candidateFate(p, r, 'nope')).toEqual({ fate: 'not_retrieved' })
  })
})
