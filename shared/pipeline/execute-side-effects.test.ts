// Side effects: background, parallel, isolated from the result and from each other's failures.
import { describe, expect, it } from 'vitest'
import { execute } from './execute.ts'
import {
  newQuery,
  post,
  predicateFilter,
  staticSource,
  type TestCandidate,
  type TestQuery,
  testPipeline,
  tick,
} from './pipeline.fixtures.ts'
import type { QueryHydrator, SideEffect, SideEffectInput } from './stage-types.ts'

const sources = [
  staticSource('S', [
    post('1', 'a', { score: 3 }),
    post('2', 'a', { score: 2 }),
    post('3', 'a', { score: 1 }),
  ]),
]

const region: QueryHydrator<TestQuery, { region: string }> = {
  name: 'Region',
  hydrate: async () => ({ region: 'eu' }),
  update: (q, h) => ({ ...q, region: h.region }),
}

describe('side effects', () => {
  it('receive the hydrated query, the selected, the non-selected and the filtered candidates', async () => {
    let got: SideEffectInput<TestQuery, TestCandidate> | undefined
    const capture: SideEffect<TestQuery, TestCandidate> = {
      name: 'ServedHistory',
      async sideEffect(input) {
        got = input
      },
    }
    const p = testPipeline({
      queryHydrators: [region],
      sources,
      filters: [predicateFilter('DropThree', (c) => c.id === '3')],
      resultSize: 1,
      sideEffects: [capture],
    })
    const r = await execute(p, newQuery())
    await r.sideEffects
    expect(got?.query.region).toBe('eu')
    expect(got?.selected.map((c) => c.id)).toEqual(['1'])
    expect(got?.nonSelected.map((c) => c.id)).toEqual(['2'])
    expect(got?.filtered.map((c) => c.id)).toEqual(['3'])
  })

  it('start only after the result has been returned to the caller', async () => {
    const events: string[] = []
    const sync: SideEffect<TestQuery, TestCandidate> = {
      name: 'SyncWork',
      sideEffect() {
        events.push('side effect ran')
        return Promise.resolve()
      },
    }
    const r = await execute(testPipeline({ sources, sideEffects: [sync] }), newQuery())
    events.push('caller resumed')
    await r.sideEffects
    expect(events).toEqual(['caller resumed', 'side effect ran'])
  })

  it('never delay the result: a side effect that never finishes does not block execute', async () => {
    const hang: SideEffect<TestQuery, TestCandidate> = {
      name: 'Hang',
      sideEffect: () => new Promise(() => {}),
    }
    const r = await execute(testPipeline({ sources, sideEffects: [hang] }), newQuery())
    expect(r.selected).toHaveLength(3)
  })

  it('run in parallel, and one failing (async or sync) does not stop the others', async () => {
    const log: string[] = []
    const slow: SideEffect<TestQuery, TestCandidate> = {
      name: 'Slow',
      async sideEffect() {
        log.push('slow start')
        await tick(10)
        log.push('slow end')
      },
    }
    const rejects: SideEffect<TestQuery, TestCandidate> = {
      name: 'Rejects',
      sideEffect: async () => {
        throw new Error('kafka down')
      },
    }
    const throwsSync: SideEffect<TestQuery, TestCandidate> = {
      name: 'ThrowsSync',
      sideEffect: () => {
        throw new Error('sync failure')
      },
    }
    const fast: SideEffect<TestQuery, TestCandidate> = {
      name: 'Fast',
      async sideEffect() {
        log.push('fast')
      },
    }
    const r = await execute(
      testPipeline({ sources, sideEffects: [slow, rejects, throwsSync, fast] }),
      newQuery(),
    )
    const st = await r.sideEffects
    expect(log).toEqual(['slow start', 'fast', 'slow end'])
    expect(st.components.map((c) => [c.name, c.outcome])).toEqual([
      ['Slow', 'ok'],
      ['Rejects', 'failed'],
      ['ThrowsSync', 'failed'],
      ['Fast', 'ok'],
    ])
  })

  it('hand their work to the injected scheduler (ctx.waitUntil on the edge)', async () => {
    const deferred: Promise<unknown>[] = []
    let ran = false
    const se: SideEffect<TestQuery, TestCandidate> = {
      name: 'Impressions',
      async sideEffect() {
        await tick(5)
        ran = true
      },
    }
    await execute(testPipeline({ sources, sideEffects: [se] }), newQuery(), {
      defer: (p) => deferred.push(p),
    })
    expect(deferred).toHaveLength(1)
    expect(ran).toBe(false)
    await deferred[0]
    expect(ran).toBe(true)
  })

  it('skip disabled side effects', async () => {
    let ran = false
    const se: SideEffect<TestQuery, TestCandidate> = {
      name: 'Off',
      enable: (q) => q.userId === 'someone else',
      async sideEffect() {
        ran = true
      },
    }
    const r = await execute(testPipeline({ sources, sideEffects: [se] }), newQuery())
    const st = await r.sideEffects
    expect(ran).toBe(false)
    expect(st.disabled).toEqual(['Off'])
  })
})
