import { describe, expect, it } from 'vitest'
import { type CacheStore, cachedHydrator } from './cached-hydrator.ts'
import { execute } from './execute.ts'
import { MemoryMetrics } from './metrics.ts'
import {
  newQuery,
  post,
  staticSource,
  type TestCandidate,
  type TestQuery,
  testPipeline,
} from './pipeline.fixtures.ts'
import { CandidateFailure, candidateFailure, type PerCandidate } from './stage-types.ts'

class MapCache implements CacheStore<string, string> {
  readonly map = new Map<string, string>()
  gets = 0
  async get(key: string) {
    this.gets++
    return this.map.get(key)
  }
  async set(key: string, value: string) {
    this.map.set(key, value)
  }
}

/** An author-name hydrator whose client records every batch it was asked for. */
function authorHydrator(
  cache: CacheStore<string, string>,
  client?: (cs: readonly TestCandidate[]) => PerCandidate<{ text: string }>,
) {
  const batches: string[][] = []
  const hydrator = cachedHydrator<TestQuery, TestCandidate, { text: string }, string, string>({
    name: 'AuthorTextHydrator',
    cache,
    cacheKey: (c) => c.id,
    cacheValue: (h) => h.text,
    fromCache: (text) => ({ text }),
    async hydrateFromClient(_q, cs) {
      batches.push(cs.map((c) => c.id))
      return client ? client(cs) : cs.map((c) => ({ text: `fresh ${c.id}` }))
    },
    update: (c, h) => ({ ...c, text: h.text }),
  })
  return { hydrator, batches }
}

const ctx = () => ({ signal: new AbortController().signal, metrics: new MemoryMetrics(), note() {} })

describe('cachedHydrator', () => {
  it('serves hits from the cache and sends only the misses to the client, in one batch', async () => {
    const cache = new MapCache()
    cache.map.set('2', 'cached 2')
    const { hydrator, batches } = authorHydrator(cache)
    const out = await hydrator.hydrate(newQuery(), [post('1'), post('2'), post('3')], ctx())
    expect(out).toEqual([{ text: 'fresh 1' }, { text: 'cached 2' }, { text: 'fresh 3' }])
    expect(batches).toEqual([['1', '3']])
  })

  it('caches successful results only', async () => {
    const cache = new MapCache()
    const { hydrator } = authorHydrator(cache, (cs) =>
      cs.map((c) => (c.id === '2' ? candidateFailure('not found') : { text: `fresh ${c.id}` })),
    )
    const out = await hydrator.hydrate(newQuery(), [post('1'), post('2')], ctx())
    expect(out[1]).toBeInstanceOf(CandidateFailure)
    expect([...cache.map.keys()]).toEqual(['1'])
  })

  it('does not call the client when everything hits', async () => {
    const cache = new MapCache()
    cache.map.set('1', 'cached 1')
    const { hydrator, batches } = authorHydrator(cache)
    await hydrator.hydrate(newQuery(), [post('1')], ctx())
    expect(batches).toEqual([])
  })

  it('turns the whole batch, hits included, into failures when the miss batch has the wrong length', async () => {
    const cache = new MapCache()
    cache.map.set('1', 'cached 1')
    const { hydrator } = authorHydrator(cache, () => [{ text: 'only one' }])
    const out = await hydrator.hydrate(newQuery(), [post('1'), post('2'), post('3')], ctx())
    expect(out).toHaveLength(3)
    for (const r of out) expect(r).toBeInstanceOf(CandidateFailure)
    expect(cache.map.has('2')).toBe(false)
  })

  it('treats a cache that throws as a miss', async () => {
    const broken: CacheStore<string, string> = {
      get: () => Promise.reject(new Error('cache offline')),
      set: () => {
        throw new Error('cache offline')
      },
    }
    const { hydrator, batches } = authorHydrator(broken)
    const out = await hydrator.hydrate(newQuery(), [post('1')], ctx())
    expect(out).toEqual([{ text: 'fresh 1' }])
    expect(batches).toEqual([['1']])
  })

  it('reports hits and misses to the trace and the metrics sink inside a pipeline', async () => {
    const cache = new MapCache()
    cache.map.set('1', 'cached 1')
    const { hydrator } = authorHydrator(cache)
    const metrics = new MemoryMetrics()
    const p = testPipeline({
      sources: [staticSource('S', [post('1'), post('2'), post('3')])],
      hydrators: [hydrator],
    })
    const r = await execute(p, newQuery(), { metrics })
    expect(r.retrieved.map((c) => c.text)).toEqual(['cached 1', 'fresh 2', 'fresh 3'])
    const h = r.trace.stages.find((s) => s.stage === 'hydrator')?.components[0]
    expect(h?.notes).toEqual({ cache_hits: 1, cache_misses: 2 })
    expect(metrics.counter('cache.hits', { component: 'AuthorTextHydrator' })).toBe(1)
    expect(metrics.counter('cache.misses', { component: 'AuthorTextHydrator' })).toBe(2)
    // A second request now hits for every candidate.
    const again = await execute(p, newQuery())
    expect(again.trace.stages.find((s) => s.stage === 'hydrator')?.components[0]?.notes).toEqual({
      cache_hits: 3,
      cache_misses: 0,
    })
  })
})
