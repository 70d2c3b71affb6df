// The trace and metrics every request produces, and pipeline definition checks.
import { describe, expect, it } from 'vitest'
import { components, definePipeline, PipelineDefinitionError } from './define-pipeline.ts'
import { execute } from './execute.ts'
import { MemoryMetrics } from './metrics.ts'
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
import type { Source } from './stage-types.ts'
import { STAGES } from './trace.ts'

/** A clock the components advance by hand, so durations are exact. */
function manualClock() {
  const c = { now: 0, read: () => c.now }
  return c
}

describe('trace', () => {
  it('has every stage but side effects, in run order, with counts and durations', async () => {
    const clock = manualClock()
    const slowSource: Source<TestQuery, TestCandidate> = {
      name: 'Thunder',
      async source() {
        clock.now += 40
        return [post('1'), post('2'), post('3')]
      },
    }
    const p = testPipeline({
      sources: [slowSource],
      filters: [
        predicateFilter('DropOne', (c) => c.id === '1'),
        { name: 'Off', enable: () => false, filter: (_q, cs) => ({ kept: [...cs], removed: [] }) },
      ],
      scorers: [fnScorer('Phoenix', (c) => Number(c.id))],
      resultSize: 1,
    })
    const r = await execute(p, newQuery(), { clock: clock.read, requestId: 'req-7' })
    expect(r.trace.pipeline).toBe('TestPipeline')
    expect(r.trace.requestId).toBe('req-7')
    expect(r.trace.durationMs).toBe(40)
    expect(r.trace.stages.map((s) => s.stage)).toEqual(STAGES.filter((s) => s !== 'side_effect'))
    const byStage = Object.fromEntries(r.trace.stages.map((s) => [s.stage, s]))
    expect(byStage.source).toMatchObject({ durationMs: 40, inputCount: 0, outputCount: 3 })
    expect(byStage.source!.components[0]).toMatchObject({ name: 'Thunder', durationMs: 40, outputCount: 3 })
    expect(byStage.filter).toMatchObject({
      inputCount: 3,
      outputCount: 2,
      enabled: ['DropOne'],
      disabled: ['Off'],
    })
    expect(byStage.scorer).toMatchObject({ inputCount: 2, outputCount: 2, enabled: ['Phoenix'] })
    expect(byStage.selector).toMatchObject({ inputCount: 2, outputCount: 2 })
    expect(r.trace.counts).toEqual({ retrieved: 3, filtered: 1, selected: 1, nonSelected: 1, truncated: 1 })
  })

  it('is plain JSON', async () => {
    const p = testPipeline({
      sources: [staticSource('S', [post('1')])],
      filters: [predicateFilter('F', () => true)],
    })
    const r = await execute(p, newQuery())
    expect(JSON.parse(JSON.stringify(r.trace))).toEqual(r.trace)
  })
})

describe('metrics', () => {
  it('reports stage and component latency, filter counts, failures and result size to the sink', async () => {
    const metrics = new MemoryMetrics()
    const broken: Source<TestQuery, TestCandidate> = {
      name: 'Broken',
      source: () => Promise.reject(new Error('x')),
    }
    const p = testPipeline({
      sources: [staticSource('S', [post('1'), post('2')]), broken],
      filters: [predicateFilter('DropOne', (c) => c.id === '1')],
    })
    await execute(p, newQuery(), { metrics })
    const tags = { pipeline: 'TestPipeline', stage: 'filter', component: 'DropOne' }
    expect(metrics.counter('filter.removed', tags)).toBe(1)
    expect(metrics.counter('filter.kept', tags)).toBe(1)
    expect(
      metrics.counter('component.failures', {
        pipeline: 'TestPipeline',
        stage: 'source',
        component: 'Broken',
        reason: 'failed',
      }),
    ).toBe(1)
    expect(metrics.histogram('pipeline.result_size', { pipeline: 'TestPipeline' })).toMatchObject({
      count: 1,
      sum: 1,
    })
    expect(
      metrics.histogram('component.duration_ms', {
        pipeline: 'TestPipeline',
        stage: 'source',
        component: 'S',
      })?.count,
    ).toBe(1)
    expect(metrics.counter('pipeline.result_empty', { pipeline: 'TestPipeline' })).toBe(0)
  })

  it('counts empty results', async () => {
    const metrics = new MemoryMetrics()
    await execute(testPipeline(), newQuery(), { metrics })
    expect(metrics.counter('pipeline.result_empty', { pipeline: 'TestPipeline' })).toBe(1)
  })
})

describe('definePipeline and components', () => {
  it('lists component names by stage in run order', () => {
    const p = testPipeline({
      sources: [staticSource('Thunder', []), staticSource('Phoenix', [])],
      filters: [predicateFilter('Age', () => false)],
      scorers: [fnScorer('Weighted', () => 1)],
    })
    const byStage = components(p)
    expect(byStage.map((s) => s.stage)).toEqual([...STAGES])
    expect(byStage.find((s) => s.stage === 'source')!.components).toEqual(['Thunder', 'Phoenix'])
    expect(byStage.find((s) => s.stage === 'selector')!.components).toEqual(['TopKScoreSelector'])
    expect(byStage.find((s) => s.stage === 'side_effect')!.components).toEqual([])
  })

  it('rejects duplicate names within a stage, bad result sizes and bad timeouts', () => {
    const base = {
      name: 'P',
      candidateKey: (c: TestCandidate) => c.id,
      selector: { name: 'S', score: () => 0 },
    }
    expect(() =>
      definePipeline({ ...base, resultSize: 1, sources: [staticSource('A', []), staticSource('A', [])] }),
    ).toThrow(PipelineDefinitionError)
    expect(() => definePipeline({ ...base, resultSize: -1, sources: [] })).toThrow(/resultSize/)
    expect(() => definePipeline({ ...base, resultSize: 1.5, sources: [] })).toThrow(/resultSize/)
    expect(() => definePipeline({ ...base, resultSize: 1, sources: [], componentTimeoutMs: 0 })).toThrow(
      /timeout/,
    )
    expect(() =>
      definePipeline({
        ...base,
        resultSize: 1,
        sources: [{ ...staticSource('A', []), timeoutMs: Number.NaN }],
      }),
    ).toThrow(/timeout/)
    expect(() => definePipeline({ ...base, resultSize: 1, sources: [staticSource('', [])] })).toThrow(
      /no name/,
    )
  })

  it('applies the pipeline-wide timeout to components without their own', async () => {
    const hang: Source<TestQuery, TestCandidate> = { name: 'Hang', source: () => new Promise(() => {}) }
    const p = testPipeline({ sources: [hang, staticSource('Ok', [post('1')])], componentTimeoutMs: 15 })
    const r = await execute(p, newQuery())
    expect(r.selected.map((c) => c.id)).toEqual(['1'])
    expect(r.trace.stages.find((s) => s.stage === 'source')!.components[0]).toMatchObject({
      name: 'Hang',
      outcome: 'timed_out',
    })
  })
})
