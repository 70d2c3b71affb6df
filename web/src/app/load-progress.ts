// Progress of the feed engine's model load, from the workers' own events: bytes of each file as its
// streamed fetch receives them (all at once from the IndexedDB cache), then one "session created" per model
// per worker while the pool warms up. The status line draws it as two <progress> bars.
import { signal } from '@preact/signals'
import type { PoolProgress } from '../pool/pool'
import type { ModelRef } from '../pool/types'

export interface ModelLoadProgress {
  phase: 'idle' | 'loading' | 'done' | 'failed'
  /** Bytes received over every model file (the largest count any worker saw per file) and their total. */
  bytes: { received: number; total: number }
  /** Sessions created over the pool (models × workers) and how many there will be. */
  sessions: { created: number; total: number }
  /** Files that came from the IndexedDB cache rather than the network. */
  fromCache: number
}

export const modelLoad = signal<ModelLoadProgress>({
  phase: 'idle',
  bytes: { received: 0, total: 0 },
  sessions: { created: 0, total: 0 },
  fromCache: 0,
})

export interface LoadTracker {
  onProgress: PoolProgress
  finish(ok: boolean): void
}

/** Starts tracking a load of `models` on `workers` workers; the returned listener feeds `modelLoad`. */
export function trackModelLoad(models: readonly ModelRef[], workers: number): LoadTracker {
  const received = new Map<string, number>()
  const totals = new Map(models.map((m) => [m.name, m.bytes ?? 0]))
  const cached = new Set<string>()
  const sessions = new Set<string>()
  const publish = (phase: ModelLoadProgress['phase']) => {
    const total = [...totals.values()].reduce((a, b) => a + b, 0)
    const got = [...received.values()].reduce((a, b) => a + b, 0)
    modelLoad.value = {
      phase,
      bytes: { received: Math.min(got, total), total },
      sessions: { created: sessions.size, total: models.length * workers },
      fromCache: cached.size,
    }
  }
  publish('loading')
  return {
    onProgress(worker, p) {
      if (p.kind === 'bytes') {
        // Without a size in the manifest, the response's Content-Length is the file's total.
        if (!totals.get(p.model) && p.total !== null) totals.set(p.model, p.total)
        received.set(p.model, Math.max(received.get(p.model) ?? 0, p.received))
        if (p.from === 'cache') cached.add(p.model)
      } else {
        sessions.add(`${worker}:${p.model}`)
      }
      publish('loading')
    },
    finish(ok) {
      publish(ok ? 'done' : 'failed')
    },
  }
}
