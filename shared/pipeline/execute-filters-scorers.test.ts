// Filters (sequential, fail open, removals attributed) and scorers (sequential, later see earlier).
import { describe, expect, it } from 'vitest'
import { execute } from './execute.ts'
import {
  fnScorer,
  newQuery,
  post,
  predicateFilter,
  staticSource,
  type TestCandidate,
  type TestQuery,
  testPipeline,
} from './pipeline.fixtures.ts'
import type { Filter, Scorer } from './stage-types.ts'
import { removalsByKey } from './trace.ts'

const five = () =>
  staticSource(
    'S',
    ['1', '2', '3', '4', '5'].map((id) => post(id, id === '5' ? 'muted' : 'a')),
  )

describe('filters', () => {
  it('run in order, each on the previous filter’s kept candidates', async () => {
    const inputs: string[][] = []
    const spy = (name: string, drop: string): Filter<TestQuery, TestCandidate> => ({
      name,
      filter(_q, cs) {
        inputs.push(cs.map((c) => c.id))
        return { kept: cs.filter((c) => c.id !== drop), removed: cs.filter((c) => c.id === drop) }
      },
    })
    const r = await execute(
      testPipeline({ sources: [five()], filters: [spy('DropTwo', '2'), spy('DropFour', '4')] }),
      newQuery(),
    )
    expect(inputs).toEqual([
      ['1', '2', '3', '4', '5'],
      ['1', '3', '4', '5'],
    ])
    expect(r.filtered.map((c) => c.id)).toEqual(['2', '4'])
  })

  it('record which filter removed which candidate', async () => {
    const p = testPipeline({
      sources: [five()],
      filters: [
        predicateFilter('MutedAuthorFilter', (c) => c.author === 'muted'),
        predicateFilter('OddIdFilter', (c) => Number(c.id) % 2 === 1),
      ],
    })
    const r = await execute(p, newQuery())
    const stage = r.trace.stages.find((s) => s.stage === 'filter')!
    expect(stage.components.map((c) => [c.name, c.removedCount, c.removed])).toEqual([
      ['MutedAuthorFilter', 1, ['5']],
      ['OddIdFilter', 2, ['1', '3']],
    ])
    expect(Object.fromEntries(removalsByKey(r.trace))).toEqual({
      '5': { filter: 'MutedAuthorFilter', stage: 'filter' },
      '1': { filter: 'OddIdFilter', stage: 'filter' },
      '3': { filter: 'OddIdFilter', stage: 'filter' },
    })
    expect(stage).toMatchObject({ inputCount: 5, outputCount: 2 })
  })

  it('a filter that throws fails open: candidates pass through and the failure is traced', async () => {
    const broken: Filter<TestQuery, TestCandidate> = {
      name: 'Broken',
      filter() {
        throw new Error('bad regex')
      },
    }
    const r = await execute(
      testPipeline({ sources: [five()], filters: [broken, predicateFilter('Two', (c) => c.id === '2')] }),
      newQuery(),
    )
    expect(r.selected.map((c) => c.id)).toEqual(['1', '3', '4', '5'])
    expect(r.trace.stages.find((s) => s.stage === 'filter')!.components[0]).toMatchObject({
      outcome: 'failed',
      error: 'bad regex',
    })
  })

  it('a filter that loses candidates is treated as broken and its output ignored', async () => {
    const lossy: Filter<TestQuery, TestCandidate> = {
      name: 'Lossy',
      filter: (_q, cs) => ({ kept: cs.slice(1), removed: [] }),
    }
    const r = await execute(testPipeline({ sources: [five()], filters: [lossy] }), newQuery())
    expect(r.selected).toHaveLength(5)
    expect(r.trace.stages.find((s) => s.stage === 'filter')!.components[0]!.outcome).toBe('failed')
  })

  it('post-selection filter removals join the filtered list and the trace', async () => {
    const p = testPipeline({
      sources: [five()],
      filters: [predicateFilter('Pre', (c) => c.id === '1')],
      postSelectionFilters: [predicateFilter('Post', (c) => c.id === '2')],
    })
    const r = await execute(p, newQuery())
    expect(r.filtered.map((c) => c.id)).toEqual(['1', '2'])
    expect(removalsByKey(r.trace).get('2')).toEqual({ filter: 'Post', stage: 'post_selection_filter' })
  })
})

describe('scorers', () => {
  it('run in order and a later scorer sees the earlier scores', async () => {
    const seen: (number | undefined)[][] = []
    const boost: Scorer<TestQuery, TestCandidate, { score: number }> = {
      name: 'AuthorDiversityScorer',
      async score(_q, cs) {
        seen.push(cs.map((c) => c.score))
        return cs.map((c) => ({ score: (c.score ?? 0) * 10 }))
      },
      update: (c, s) => ({ ...c, score: s.score }),
    }
    const q = newQuery()
    const p = testPipeline({
      sources: [five()],
      scorers: [fnScorer('PhoenixScorer', (c) => Number(c.id)), boost],
    })
    const r = await execute(p, q)
    expect(seen).toEqual([[1, 2, 3, 4, 5]])
    expect(r.selected.map((c) => c.score)).toEqual([50, 40, 30, 20, 10])
  })

  it('a scorer returning the wrong length changes nothing and earlier scores stand', async () => {
    const short: Scorer<TestQuery, TestCandidate, { score: number }> = {
      name: 'Short',
      score: async () => [{ score: 100 }],
      update: (c, s) => ({ ...c, score: s.score }),
    }
    const p = testPipeline({ sources: [five()], scorers: [fnScorer('Base', (c) => Number(c.id)), short] })
    const r = await execute(p, newQuery())
    expect(r.selected.map((c) => c.score)).toEqual([5, 4, 3, 2, 1])
    expect(r.trace.stages.find((s) => s.stage === 'scorer')!.components[1]).toMatchObject({
      name: 'Short',
      outcome: 'failed',
      error: 'length mismatch expected=5 got=1',
    })
  })

  it('a scorer that throws fails alone and the next scorer still runs', async () => {
    const throws: Scorer<TestQuery, TestCandidate> = {
      name: 'Throws',
      score: async () => {
        throw new Error('model unavailable')
      },
      update: (c) => c,
    }
    const r = await execute(
      testPipeline({ sources: [five()], scorers: [throws, fnScorer('Fallback', () => 7)] }),
      newQuery(),
    )
    expect(r.selected.every((c) => c.score === 7)).toBe(true)
  })
})
