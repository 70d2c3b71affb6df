// Sources (parallel, failures dropped) and candidate hydrators (parallel, same input, ordered merge,
// length guard, per-candidate failures).
import { describe, expect, it } from 'vitest'
import { execute } from './execute.ts'
import {
  newQuery,
  post,
  staticSource,
  type TestCandidate,
  type TestQuery,
  testPipeline,
  tick,
} from './pipeline.fixtures.ts'
import { candidateFailure, type Hydrator, type Source } from './stage-types.ts'

const failingSource = (name: string): Source<TestQuery, TestCandidate> => ({
  name,
  async source() {
    throw new Error('thunder shard unreachable')
  },
})

function textHydrator(
  name: string,
  text: (c: TestCandidate) => string,
  opts: { delayMs?: number; seen?: string[][]; badLength?: boolean } = {},
): Hydrator<TestQuery, TestCandidate, { text: string }> {
  return {
    name,
    async hydrate(q, cs) {
      q.log.push(`start ${name}`)
      opts.seen?.push(cs.map((c) => c.text ?? '-'))
      await tick(opts.delayMs ?? 1)
      q.log.push(`end ${name}`)
      const out = cs.map((c) => ({ text: text(c) }))
      return opts.badLength ? out.slice(1) : out
    },
    update: (c, h) => ({ ...c, text: h.text }),
  }
}

describe('sources', () => {
  it('run in parallel and their candidates are concatenated in declaration order', async () => {
    const q = newQuery()
    const p = testPipeline({
      sources: [staticSource('Thunder', [post('1'), post('2')], 10), staticSource('Phoenix', [post('3')])],
    })
    const r = await execute(p, q)
    expect(q.log.slice(0, 2)).toEqual(['start Thunder', 'start Phoenix'])
    expect(r.retrieved.map((c) => c.id)).toEqual(['1', '2', '3'])
  })

  it('a failing source is dropped and the others continue', async () => {
    const p = testPipeline({ sources: [failingSource('Thunder'), staticSource('Phoenix', [post('3')])] })
    const r = await execute(p, newQuery())
    expect(r.retrieved.map((c) => c.id)).toEqual(['3'])
    const stage = r.trace.stages.find((s) => s.stage === 'source')!
    expect(stage.components).toMatchObject([
      { name: 'Thunder', outcome: 'failed', error: 'thunder shard unreachable' },
      { name: 'Phoenix', outcome: 'ok', outputCount: 1 },
    ])
    expect(stage.outputCount).toBe(1)
  })

  it('keeps duplicates: deduplication is a filter’s job', async () => {
    const p = testPipeline({ sources: [staticSource('A', [post('1')]), staticSource('B', [post('1')])] })
    expect((await execute(p, newQuery())).retrieved).toHaveLength(2)
  })
})

describe('hydrators', () => {
  const sources = [staticSource('S', [post('1'), post('2')])]

  it('run in parallel on the same input and merge in declaration order', async () => {
    const seen: string[][] = []
    const q = newQuery()
    const p = testPipeline({
      sources,
      hydrators: [
        textHydrator('First', (c) => `first ${c.id}`, { delayMs: 10, seen }),
        textHydrator('Second', (c) => `second ${c.id}`, { seen }),
      ],
    })
    const r = await execute(p, q)
    expect(q.log.slice(2, 4)).toEqual(['start First', 'start Second'])
    // Neither saw the other's output; the later-declared hydrator's write wins for a shared field.
    expect(seen).toEqual([
      ['-', '-'],
      ['-', '-'],
    ])
    expect(r.retrieved.map((c) => c.text)).toEqual(['second 1', 'second 2'])
  })

  it('a result of the wrong length fails the hydrator and leaves every candidate unchanged', async () => {
    const p = testPipeline({ sources, hydrators: [textHydrator('Short', () => 'x', { badLength: true })] })
    const r = await execute(p, newQuery())
    expect(r.retrieved.map((c) => c.text)).toEqual([undefined, undefined])
    expect(r.trace.stages.find((s) => s.stage === 'hydrator')!.components[0]).toMatchObject({
      outcome: 'failed',
      error: 'length mismatch expected=2 got=1',
    })
  })

  it('a per-candidate failure leaves only that candidate unchanged', async () => {
    const h: Hydrator<TestQuery, TestCandidate, { text: string }> = {
      name: 'Partial',
      async hydrate(_q, cs) {
        return cs.map((c) => (c.id === '1' ? candidateFailure('post deleted') : { text: `t${c.id}` }))
      },
      update: (c, x) => ({ ...c, text: x.text }),
    }
    const r = await execute(testPipeline({ sources, hydrators: [h] }), newQuery())
    expect(r.retrieved.map((c) => c.text)).toEqual([undefined, 't2'])
    expect(r.trace.stages.find((s) => s.stage === 'hydrator')!.components[0]).toMatchObject({
      outcome: 'ok',
      failedCount: 1,
    })
  })

  it('a hydrator that throws fails alone; the others still merge', async () => {
    const boom: Hydrator<TestQuery, TestCandidate> = {
      name: 'Boom',
      hydrate: async () => {
        throw new Error('author service 503')
      },
      update: (c) => c,
    }
    const r = await execute(
      testPipeline({ sources, hydrators: [boom, textHydrator('Ok', (c) => `ok ${c.id}`)] }),
      newQuery(),
    )
    expect(r.retrieved.map((c) => c.text)).toEqual(['ok 1', 'ok 2'])
  })

  it('post-selection hydrators see only the selected candidates', async () => {
    const seen: string[][] = []
    const idsSeen: string[][] = []
    const expensive: Hydrator<TestQuery, TestCandidate, { text: string }> = {
      name: 'Expensive',
      async hydrate(_q, cs) {
        idsSeen.push(cs.map((c) => c.id))
        return cs.map(() => ({ text: 'expensive' }))
      },
      update: (c, h) => ({ ...c, text: h.text }),
    }
    const p = testPipeline({
      sources: [
        staticSource('S', [
          post('1', 'a', { score: 1 }),
          post('2', 'a', { score: 3 }),
          post('3', 'a', { score: 2 }),
        ]),
      ],
      hydrators: [textHydrator('Cheap', () => 'cheap', { seen })],
      selector: { name: 'Top2', score: (c) => c.score, size: 2 },
      postSelectionHydrators: [expensive],
    })
    const r = await execute(p, newQuery())
    expect(idsSeen).toEqual([['2', '3']])
    expect(r.selected.map((c) => [c.id, c.text])).toEqual([
      ['2', 'expensive'],
      ['3', 'expensive'],
    ])
    expect(r.nonSelected.map((c) => [c.id, c.text])).toEqual([['1', 'cheap']])
  })
})
