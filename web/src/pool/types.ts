// Plain data types shared by the page, the worker and the e2e tests (no DOM/WebGPU types here,
// so Node-side code can import them too).
import type { PlainFeeds, PlainTensor } from '../../../shared/phoenix/onnx-feeds.ts'

export type Provider = 'webgpu' | 'wasm'
export type ProviderPreference = Provider | 'auto'

/**
 * A model to load; `version` (e.g. a sha) keys the IndexedDB cache so a new file is refetched. With
 * `sha256` (hex), that hash is the cache key and fetched bytes that do not hash to it are refused.
 */
export interface ModelRef {
  readonly name: string
  readonly url: string
  readonly version?: string
  readonly sha256?: string
  /** The file's size (manifest.json): the download bar's total when the response has no Content-Length. */
  readonly bytes?: number
}

/**
 * What a worker reports while it loads a model: bytes of the file so far (from the network, or all at once
 * from the IndexedDB cache), then that its session exists.
 */
export type LoadProgress =
  | { kind: 'bytes'; model: string; received: number; total: number | null; from: 'network' | 'cache' }
  | { kind: 'session'; model: string; provider: Provider }

/** A typed tensor crossing the comlink boundary: `{ type, data, dims }`, data transferred, not copied. */
export type TensorData = PlainTensor
export type Feeds = PlainFeeds

export type LoadErrorCode = 'model-missing' | 'backend-failed'
export type RunErrorCode = 'not-loaded' | 'run-failed'

export type LoadResult =
  | {
      ok: true
      provider: Provider
      loadMs: number
      bytesFrom: 'cache' | 'network' | 'session'
      /** Why an earlier provider in the list was not used (absent when the first one loaded). */
      fallbackReason?: string
    }
  | { ok: false; code: LoadErrorCode; message: string }

export type RunResult =
  | { ok: true; outputs: Record<string, TensorData>; runMs: number }
  | { ok: false; code: RunErrorCode; message: string }

/** Completed runs per model name since the worker started (proves which sessions a request used). */
export type RunCounts = Record<string, number>

/** The narrow API the ORT worker exposes over comlink. */
export interface OrtWorkerApi {
  /** `onProgress` arrives as a comlink proxy: the page learns of bytes and sessions as they happen. */
  load(ref: ModelRef, providers: Provider[], onProgress?: (p: LoadProgress) => void): Promise<LoadResult>
  run(name: string, feeds: Feeds): Promise<RunResult>
  runCounts(): Promise<RunCounts>
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
