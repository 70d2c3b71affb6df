// Plain data types shared by the page, the worker and the e2e tests (no DOM/WebGPU types here,
// so Node-side code can import them too).

export type Provider = 'webgpu' | 'wasm'
export type ProviderPreference = Provider | 'auto'

/** A model to load; `version` (e.g. a sha) keys the IndexedDB cache so a new file is refetched. */
export interface ModelRef {
  readonly name: string
  readonly url: string
  readonly version?: string
}

export interface TensorData {
  data: Float32Array
  dims: number[]
}

export type Feeds = Record<string, TensorData>

export type LoadErrorCode = 'model-missing' | 'backend-failed'
export type RunErrorCode = 'not-loaded' | 'run-failed'

export type LoadResult =
  | { ok: true; provider: Provider; loadMs: number; bytesFrom: 'cache' | 'network' | 'session' }
  | { ok: false; code: LoadErrorCode; message: string }

export type RunResult =
  | { ok: true; outputs: Record<string, TensorData>; runMs: number }
  | { ok: false; code: RunErrorCode; message: string }

/** The narrow API the ORT worker exposes over comlink. */
export interface OrtWorkerApi {
  load(ref: ModelRef, providers: Provider[]): Promise<LoadResult>
  run(name: string, feeds: Feeds): Promise<RunResult>
}

export interface AdapterSummary {
  readonly vendor: string
  readonly architecture: string
  readonly description: string
  readonly isFallbackAdapter: boolean
}

export interface Capabilities {
  readonly webgpu: boolean
  readonly adapter: AdapterSummary | null
  readonly crossOriginIsolated: boolean
  readonly hardwareConcurrency: number
}
