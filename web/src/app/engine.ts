// The page's one Phoenix engine (ranker + user tower on the worker pool), created on first use, wrapped so
// its predictions are cached for local re-ranking. Its state drives the status line.
import { signal } from '@preact/signals'
import { CachedScoreEngine } from '../feed/cached-score-engine'
import type { FeedEngine } from '../feed/load-for-you-feed'
import { createPhoenixEngine } from '../phoenix/create-engine'
import type { PoolPhoenixEngine } from '../phoenix/phoenix-engine'
import { detectCapabilities } from '../pool/backend'
import { createOrtPool, type OrtPool } from '../pool/pool'
import type { Capabilities } from '../pool/types'
import { type LoadTracker, trackModelLoad } from './load-progress'

export type EnginePhase = 'idle' | 'loading' | 'ready' | 'error'

export interface EngineState {
  phase: EnginePhase
  /** What is happening now, for the progress bar's label. */
  step: string
  caps?: Capabilities
  engine?: PoolPhoenixEngine
  error?: string
}

export const engineState = signal<EngineState>({
  phase: 'idle',
  step: 'models load when a feed is first ranked',
})

export interface ReadyEngine {
  /** User tower and scoring, with scoring answered from the prediction cache where it can be. */
  feed: FeedEngine
  cached: CachedScoreEngine
  pool: PoolPhoenixEngine
}

/** `?feedPool=N` sizes the feed's worker pool (default: the pool's own choice); the specs keep it small. */
function poolOption(): { pool?: OrtPool } {
  const size = Number(new URLSearchParams(location.search).get('feedPool'))
  return Number.isInteger(size) && size > 0 ? { pool: createOrtPool({ size }) } : {}
}

let ready: Promise<ReadyEngine> | undefined

async function create(): Promise<ReadyEngine> {
  engineState.value = { phase: 'loading', step: 'detecting WebGPU…' }
  const caps = await detectCapabilities()
  engineState.value = { phase: 'loading', step: 'downloading and compiling the ranker and user tower…', caps }
  let tracker: LoadTracker | undefined
  const options: Parameters<typeof createPhoenixEngine>[1] = {
    ...poolOption(),
    trackLoad: (models, workers) => {
      tracker = trackModelLoad(models, workers)
      return tracker.onProgress
    },
  }
  const pool = await createPhoenixEngine(caps, options).catch((e: unknown) => {
    tracker?.finish(false)
    throw e
  })
  tracker?.finish(true)
  const cached = new CachedScoreEngine(pool)
  const feed: FeedEngine = {
    name: pool.name,
    score: (viewer, candidates, nowMs) => cached.score(viewer, candidates, nowMs),
    userEmbedding: (viewer) => pool.userEmbedding(viewer),
  }
  engineState.value = { phase: 'ready', step: 'ready', caps, engine: pool }
  return { feed, cached, pool }
}

export function phoenixEngine(): Promise<ReadyEngine> {
  ready ??= create().catch((e: unknown) => {
    ready = undefined // a later attempt may succeed
    engineState.value = { phase: 'error', step: 'failed', error: e instanceof Error ? e.message : String(e) }
    throw e
  })
  return ready
}
