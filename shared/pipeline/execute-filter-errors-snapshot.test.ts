// Filter error policies (fail-closed for safety filters, fail-open by default) and `retrieved` being a
// snapshot that scorers' and post-selection hydrators' in-place writes do not reach.
import { describe, expect, it } from 'vitest'
import { definePipeline } from './define-pipeline.ts'
import { execute } from './execute.ts'
import { candidateFate } from './explain.ts'
import {
  newQuery,
  post,
  predicateFilter,
  staticSource,
  type TestCandidate,
  type TestQuery,
  testPipeline,
} from './pipeline.fixtures.ts'
import type { Filter, Hydrator, Scorer } from './stage-types.ts'
import { removalsByKey } from './trace.ts'

const four = () =>
  staticSource(
    'S',
    ['1', '2', '3', '4'].map((id) => post(id)),
  )

const throwing = (name: string, onError?: 'fail-closed' | 'fail-open'): Filter<TestQuery, TestCandidate> => ({
  name,
  ...(onError ? { onError } : {}),
  filter() {
    throw new Error('block list unavailable')
  },
})

describe('filter error policy', () => {
  it('fail-closed removes every candidate it was given and traces them as removed, with the error', async () => {
    const p = testPipeline({
      sources: [four()],
      filters: [predicateFilter('DropOne', (c) => c.id === '1'), throwing('BlockedAuthors', 'fail-closed')],
    })
    const r = await execute(p, newQuery())
    expect(r.selected).toEqual([])
    expect(r.filtered.map((c) => c.id)).toEqual(['1', '2', '3', '4'])
    const entry = r.trace.stages.find((s) => s.stage === 'filter')!.components[1]
    expect(entry).toMatchObject({
      name: 'BlockedAuthors',
      outcome: 'failed',
      error: 'block list unavailable',
      failedClosed: true,
      removedCount: 3,
      removed: ['2', '3', '4'],
    })
    expect(removalsByKey(r.trace).get('3')).toEqual({ filter: 'BlockedAuthors', stage: 'filter' })
    expect(candidateFate(p, r, '4')).toEqual({ fate: 'filtered', stage: 'filter', filter: 'BlockedAuthors' })
  })

  it('fail-closed also applies to a filter whose lists lose candidates', async () => {
    const lossy: Filter<TestQuery, TestCandidate> = {
      name: 'Lossy',
      onError: 'fail-closed',
      filter: (_q, cs) => ({ kept: cs.slice(1), removed: [] }),
    }
    const r = await execute(testPipeline({ sources: [four()], postSelectionFilters: [lossy] }), newQuery())
    expect(r.selected).toEqual([])
    const entry = r.trace.stages.find((s) => s.stage === 'post_selection_filter')!.components[0]
    expect(entry).toMatchObject({ outcome: 'failed', failedClosed: true, removedCount: 4 })
  })

  it('fail-open (explicit or the default) keeps every candidate and records the failure', async () => {
    for (const policy of ['fail-open', undefined] as const) {
      const r = await execute(
        testPipeline({ sources: [four()], filters: [throwing('Lang', policy)] }),
        newQuery(),
      )
      expect(r.selected.map((c) => c.id)).toEqual(['1', '2', '3', '4'])
      expect(r.filtered).toEqual([])
      const entry = r.trace.stages.find((s) => s.stage === 'filter')!.components[0]
      expect(entry).toMatchObject({ outcome: 'failed', error: 'block list unavailable', removedCount: 0 })
      expect(entry!.failedClosed).toBeUndefined()
    }
  })

  it('a fail-closed filter that succeeds behaves like any other filter', async () => {
    const safe: Filter<TestQuery, TestCandidate> = {
      ...predicateFilter('Muted', (c) => c.id === '2'),
      onError: 'fail-closed',
    }
    const r = await execute(testPipeline({ sources: [four()], filters: [safe] }), newQuery())
    expect(r.selected.map((c) => c.id)).toEqual(['1', '3', '4'])
    expect(r.filtered.map((c) => c.id)).toEqual(['2'])
  })
})

describe('retrieved is a snapshot', () => {
  // Both write into the object they are given and return it, which the contracts allow.
  const mutatingScorer: Scorer<TestQuery, TestCandidate, number> = {
    name: 'MutatingScorer',
    score: async (_q, cs) => cs.map((c) => Number(c.id) * 10),
    update(c, s) {
      c.score = s
      return c
    },
  }
  const mutatingPostHydrator: Hydrator<TestQuery, TestCandidate, string> = {
    name: 'MutatingText',
    hydrate: async (_q, cs) => cs.map((c) => `text ${c.id}`),
    update(c, text) {
      c.text = text
      return c
    },
  }

  it('scorers and post-selection hydrators that update in place do not change `retrieved`', async () => {
    const r = await execute(
      testPipeline({
        sources: [four()],
        filters: [predicateFilter('DropTwo', (c) => c.id === '2')],
        scorers: [mutatingScorer],
        postSelectionHydrators: [mutatingPostHydrator],
      }),
      newQuery(),
    )
    expect(r.selected.map((c) => [c.id, c.score, c.text])).toEqual([
      ['4', 40, 'text 4'],
      ['3', 30, 'text 3'],
      ['1', 10, 'text 1'],
    ])
    expect(r.retrieved).toEqual([post('1'), post('2'), post('3'), post('4')])
    expect(r.filtered).toEqual([post('2')])
  })

  it('copies keep class instances as instances of their class', async () => {
    class Boxed {
      constructor(
        readonly id: string,
        public score?: number,
      ) {}
      label(): string {
        return `#${this.id}`
      }
    }
    const boxed = definePipeline<TestQuery, Boxed>({
      name: 'Boxed',
      candidateKey: (c) => c.id,
      sources: [{ name: 'S', source: async () => [new Boxed('a'), new Boxed('b')] }],
      scorers: [
        {
          name: 'InPlace',
          score: async (_q, cs) => cs.map((_c, i) => i + 1),
          update(c, s: number) {
            c.score = s
            return c
          },
        },
      ],
      selector: { name: 'Top', score: (c) => c.score },
      resultSize: 10,
    })
    const r = await execute(boxed, newQuery())
    expect(r.selected.map((c) => c.label())).toEqual(['#b', '#a'])
    expect(r.selected[0]).toBeInstanceOf(Boxed)
    expect(r.retrieved.map((c) => c.score)).toEqual([undefined, undefined])
  })
})
