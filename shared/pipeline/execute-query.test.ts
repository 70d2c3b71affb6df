// Query hydration: two waves, parallel within a wave, merged by each hydrator's own `update`.
import { describe, expect, it } from 'vitest'
import { execute } from './execute.ts'
import { newQuery, type TestQuery, testPipeline, tick } from './pipeline.fixtures.ts'
import type { QueryHydrator } from './stage-types.ts'

function fieldHydrator<K extends 'follows' | 'muted' | 'region'>(
  name: string,
  field: K,
  value: TestQuery[K],
  opts: { delayMs?: number; fail?: boolean; enable?: (q: TestQuery) => boolean; timeoutMs?: number } = {},
): QueryHydrator<TestQuery> {
  return {
    name,
    enable: opts.enable,
    timeoutMs: opts.timeoutMs,
    async hydrate(q) {
      q.log.push(`start ${name}`)
      await tick(opts.delayMs ?? 1)
      q.log.push(`end ${name}`)
      if (opts.fail) throw new Error(`${name} unavailable`)
      // Return a whole query whose other fields are junk: update must copy only `field`.
      return { userId: 'junk', log: [], follows: ['junk'], muted: ['junk'], region: 'junk', [field]: value }
    },
    update: (q, h) => ({ ...q, [field]: h[field] }),
  }
}

describe('query hydrators', () => {
  it('run in parallel: every hydrator of the wave starts before any finishes', async () => {
    const q = newQuery()
    const p = testPipeline({
      queryHydrators: [
        fieldHydrator('Follows', 'follows', ['a'], { delayMs: 10 }),
        fieldHydrator('Mutes', 'muted', ['m']),
      ],
    })
    await execute(p, q)
    expect(q.log.slice(0, 2)).toEqual(['start Follows', 'start Mutes'])
  })

  it('merge only the fields each hydrator owns', async () => {
    const p = testPipeline({
      queryHydrators: [
        fieldHydrator('Follows', 'follows', ['a', 'b']),
        fieldHydrator('Mutes', 'muted', ['m']),
      ],
    })
    const r = await execute(p, newQuery({ region: 'eu' }))
    expect(r.query.userId).toBe('u1')
    expect(r.query.follows).toEqual(['a', 'b'])
    expect(r.query.muted).toEqual(['m'])
    expect(r.query.region).toBe('eu')
  })

  it('a failing hydrator leaves its fields untouched and the others still merge', async () => {
    const p = testPipeline({
      queryHydrators: [
        fieldHydrator('Follows', 'follows', ['a'], { fail: true }),
        fieldHydrator('Mutes', 'muted', ['m']),
      ],
    })
    const r = await execute(p, newQuery({ follows: ['before'] }))
    expect(r.query.follows).toEqual(['before'])
    expect(r.query.muted).toEqual(['m'])
    const stage = r.trace.stages[0]!
    expect(stage.components.map((c) => [c.name, c.outcome, c.error])).toEqual([
      ['Follows', 'failed', 'Follows unavailable'],
      ['Mutes', 'ok', undefined],
    ])
  })

  it('dependent hydrators run after the first wave and see its merged result', async () => {
    let seenFollows: string[] | undefined
    const dependent: QueryHydrator<TestQuery, { region: string }> = {
      name: 'RegionFromFollows',
      async hydrate(q) {
        q.log.push('dependent')
        seenFollows = q.follows
        return { region: q.follows?.includes('a') ? 'follows-a' : 'none' }
      },
      update: (q, h) => ({ ...q, region: h.region }),
    }
    const q = newQuery()
    const p = testPipeline({
      queryHydrators: [fieldHydrator('Follows', 'follows', ['a'], { delayMs: 5 })],
      dependentQueryHydrators: [dependent],
    })
    const r = await execute(p, q)
    expect(seenFollows).toEqual(['a'])
    expect(r.query.region).toBe('follows-a')
    expect(q.log.indexOf('dependent')).toBeGreaterThan(q.log.indexOf('end Follows'))
  })

  it('skips disabled hydrators and records them as disabled', async () => {
    const p = testPipeline({
      queryHydrators: [
        fieldHydrator('Follows', 'follows', ['a']),
        fieldHydrator('Mutes', 'muted', ['m'], { enable: (q) => q.userId !== 'u1' }),
      ],
    })
    const q = newQuery()
    const r = await execute(p, q)
    expect(r.query.muted).toBeUndefined()
    expect(q.log).not.toContain('start Mutes')
    expect(r.trace.stages[0]).toMatchObject({ enabled: ['Follows'], disabled: ['Mutes'] })
  })

  it('a hydrator past its timeout counts as timed out and is not merged', async () => {
    const p = testPipeline({
      queryHydrators: [fieldHydrator('Slow', 'follows', ['late'], { delayMs: 200, timeoutMs: 10 })],
    })
    const r = await execute(p, newQuery())
    expect(r.query.follows).toBeUndefined()
    expect(r.trace.stages[0]!.components[0]).toMatchObject({ name: 'Slow', outcome: 'timed_out' })
  })
})
