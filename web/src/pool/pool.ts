// A small pool of ORT workers: load() goes to every worker, run() goes round-robin.
import * as Comlink from 'comlink'
import type {
  Feeds,
  LoadProgress,
  LoadResult,
  ModelRef,
  OrtWorkerApi,
  Provider,
  RunCounts,
  RunResult,
} from './types'

export type PoolLoadResult =
  | {
      ok: true
      provider: Provider
      providers: Provider[]
      loadMs: number
      results: LoadResult[]
      /** Set when a worker had to fall back from an earlier provider: the errors it saw. */
      fallbackReason?: string
    }
  | Extract<LoadResult, { ok: false }>

export interface OrtPool {
  readonly size: number
  /** `onProgress` hears each worker's bytes and session-created events (worker = its index). */
  load(ref: ModelRef, providers: Provider[], onProgress?: PoolProgress): Promise<PoolLoadResult>
  run(name: string, feeds: Feeds): Promise<RunResult>
  /** Completed runs per model name, one record per worker (in worker order). */
  runCounts(): Promise<RunCounts[]>
  terminate(): void
}

export type PoolProgress = (worker: number, p: LoadProgress) => void

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
    async load(ref, providers, onProgress) {
      const results = await Promise.all(
        members.map((m, i) =>
          m.api.load(ref, providers, onProgress && Comlink.proxy((p: LoadProgress) => onProgress(i, p))),
        ),
      )
      const failed = results.find((r) => !r.ok)
      if (failed && !failed.ok) return failed
      const oks = results.filter((r) => r.ok)
      const loaded: PoolLoadResult = {
        ok: true,
        provider: oks[0]!.provider,
        providers: oks.map((r) => r.provider),
        loadMs: Math.max(...oks.map((r) => r.loadMs)),
        results,
      }
      const fallback = oks.find((r) => r.fallbackReason !== undefined)?.fallbackReason
      if (fallback !== undefined) loaded.fallbackReason = fallback
      return loaded
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
    runCounts: () => Promise.all(members.map((m) => m.api.runCounts())),
    terminate() {
      for (const m of members) {
        m.api[Comlink.releaseProxy]()
        m.worker.terminate()
      }
    },
  }
}
