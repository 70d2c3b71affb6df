// A small pool of ORT workers: load() goes to every worker, run() goes round-robin.
import * as Comlink from 'comlink'
import type { Feeds, LoadResult, ModelRef, OrtWorkerApi, Provider, RunResult } from './types'

export type PoolLoadResult =
  | { ok: true; provider: Provider; providers: Provider[]; loadMs: number; results: LoadResult[] }
  | Extract<LoadResult, { ok: false }>

export interface OrtPool {
  readonly size: number
  load(ref: ModelRef, providers: Provider[]): Promise<PoolLoadResult>
  run(name: string, feeds: Feeds): Promise<RunResult>
  terminate(): void
}

export interface PoolOptions {
  size?: number
}

interface Member {
  worker: Worker
  api: Comlink.Remote<OrtWorkerApi>
}

function spawn(index: number): Member {
  const worker = new Worker(new URL('./ort.worker.ts', import.meta.url), {
    type: 'module',
    name: `fye-ort-${index}`,
  })
  return { worker, api: Comlink.wrap<OrtWorkerApi>(worker) }
}

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(2, navigator.hardwareConcurrency || 1))
}

export function createOrtPool(options: PoolOptions = {}): OrtPool {
  const size = Math.max(1, options.size ?? defaultPoolSize())
  const members = Array.from({ length: size }, (_, i) => spawn(i))
  let next = 0

  return {
    size,
    async load(ref, providers) {
      const results = await Promise.all(members.map((m) => m.api.load(ref, providers)))
      const failed = results.find((r) => !r.ok)
      if (failed && !failed.ok) return failed
      const oks = results.filter((r) => r.ok)
      return {
        ok: true,
        provider: oks[0]!.provider,
        providers: oks.map((r) => r.provider),
        loadMs: Math.max(...oks.map((r) => r.loadMs)),
        results,
      }
    },
    run(name, feeds) {
      const member = members[next]!
      next = (next + 1) % members.length
      // Transfer the input buffers: the caller must not reuse them after run().
      const buffers = new Set<ArrayBuffer>()
      for (const t of Object.values(feeds))
        if (t.data.buffer instanceof ArrayBuffer) buffers.add(t.data.buffer)
      return member.api.run(name, Comlink.transfer(feeds, [...buffers]))
    },
    terminate() {
      for (const m of members) {
        m.api[Comlink.releaseProxy]()
        m.worker.terminate()
      }
    },
  }
}
