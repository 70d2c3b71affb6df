// A hydrator with a cache in front: hits are served from the cache, misses go to the client in one batch,
// and only successful results are written back.
import { CandidateFailure, type ComponentContext, type Hydrator, type PerCandidate } from './stage-types.ts'

/** A broken cache is a miss, never fatal: get/set errors are swallowed by the hydrator. */
export interface CacheStore<K, V> {
  get(key: K): Promise<V | undefined>
  set(key: K, value: V): Promise<void>
}

export interface CachedHydratorSpec<Q, C, S, K, V> {
  readonly name: string
  readonly timeoutMs?: number
  enable?(query: Q): boolean
  readonly cache: CacheStore<K, V>
  cacheKey(candidate: C): K
  /** What to keep from a successful result. */
  cacheValue(hydrated: S): V
  /** Rebuild this hydrator's output from a cached value. */
  fromCache(value: V): S
  /** Called once per request with the misses only. */
  hydrateFromClient(query: Q, candidates: readonly C[], ctx: ComponentContext): Promise<PerCandidate<S>>
  update(candidate: C, hydrated: S): C
}

export function cachedHydrator<Q, C, S, K, V>(spec: CachedHydratorSpec<Q, C, S, K, V>): Hydrator<Q, C, S> {
  return {
    name: spec.name,
    timeoutMs: spec.timeoutMs,
    enable: spec.enable ? (q) => spec.enable!(q) : undefined,
    update: (c, s) => spec.update(c, s),
    async hydrate(query, candidates, ctx) {
      const keys = candidates.map((c) => spec.cacheKey(c))
      const cached = await Promise.all(keys.map((k) => soft(() => spec.cache.get(k), undefined)))
      const results = new Array<S | CandidateFailure>(candidates.length)
      const missIdx: number[] = []
      cached.forEach((value, i) => {
        if (value === undefined) missIdx.push(i)
        else results[i] = spec.fromCache(value)
      })
      const hits = candidates.length - missIdx.length
      ctx.note('cache_hits', hits)
      ctx.note('cache_misses', missIdx.length)
      ctx.metrics.count('cache.hits', hits, { component: spec.name })
      ctx.metrics.count('cache.misses', missIdx.length, { component: spec.name })
      if (missIdx.length === 0) return results

      const fetched = await spec.hydrateFromClient(
        query,
        missIdx.map((i) => candidates[i]!),
        ctx,
      )
      if (fetched.length !== missIdx.length) {
        // Cannot tell which result belongs to which miss: fail the whole batch, hits included.
        const failure = new CandidateFailure(
          `${spec.name}: cache-miss batch length mismatch expected=${missIdx.length} got=${fetched.length}`,
        )
        return candidates.map(() => failure)
      }
      const writes: Promise<void>[] = []
      missIdx.forEach((candidateIdx, j) => {
        const r = fetched[j]!
        results[candidateIdx] = r
        if (!(r instanceof CandidateFailure)) {
          writes.push(soft(() => spec.cache.set(keys[candidateIdx]!, spec.cacheValue(r)), undefined))
        }
      })
      await Promise.all(writes)
      return results
    },
  }
}

/** Runs a cache call; a throw or rejection becomes `fallback`. */
async function soft<T, F>(call: () => Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await call()
  } catch {
    return fallback
  }
}
