// Types of the page's test hooks (window.__fye). Plain data only, so the Node-side e2e specs can
// import them without DOM-only or Vite-only types.
import type { PhoenixBackend } from './phoenix/phoenix-types'
import type {
  Capabilities,
  LoadResult,
  ModelRef,
  Provider,
  ProviderPreference,
  RunCounts,
} from './pool/types'

export interface SmokeOutcome {
  load: LoadResult
  output: { data: number[]; dims: number[] } | null
  maxDiff: number | null
  error: string | null
}

/** A seeded request (phoenix-test-request.ts) scored in a fresh pool of `poolSize` workers. */
export interface PhoenixCheckRequest {
  providers: Provider[]
  poolSize: number
  seed: number
  events: number
  /** Candidate batches ranked one after another for the same viewer. */
  batchSizes: number[]
  chunkSize?: number
}

export interface PhoenixCheckOutcome {
  engine: string
  backend: PhoenixBackend
  /** Per batch: [n × heads] probabilities, [n] dwell seconds, and per-worker run counts right after it. */
  ranks: { probs: number[]; dwellSeconds: number[]; runCounts: RunCounts[] }[]
  /** The last batch again after the viewer engaged once more (a different history). */
  changedHistory: { probs: number[]; runCounts: RunCounts[] }
  /** The viewer's user-tower embedding. */
  userEmbedding: number[]
}

export interface FyeHooks {
  caps: Capabilities
  smokeModel: ModelRef
  pickProviders(preference: ProviderPreference): Provider[]
  /** Smoke model in a fresh one-worker pool that may only use `providers`; input is [batch, 8]. */
  runSmoke(providers: Provider[], input: number[]): Promise<SmokeOutcome>
  /** Loads any model in a fresh one-worker pool (then terminates it). */
  loadModel(ref: ModelRef, providers: Provider[]): Promise<LoadResult>
  /** Writes bytes to the model cache under `key` and reads them back (null: not read back). */
  idbRoundTrip(key: string, bytes: number[]): Promise<number[] | null>
  clearModelCache(): Promise<void>
  /** The Phoenix engine (split ranker + user tower) on the pool, for parity and prefix-cache checks. */
  phoenixCheck(req: PhoenixCheckRequest): Promise<PhoenixCheckOutcome>
}

declare global {
  interface Window {
    __fye?: FyeHooks
  }
}
