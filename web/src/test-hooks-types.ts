// Types of the page's test hooks (window.__fye). Plain data only, so the Node-side e2e specs can
// import them without DOM-only or Vite-only types.
import type { Capabilities, LoadResult, ModelRef, Provider, ProviderPreference } from './pool/types'

export interface SmokeOutcome {
  load: LoadResult
  output: { data: number[]; dims: number[] } | null
  maxDiff: number | null
  error: string | null
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
}

declare global {
  interface Window {
    __fye?: FyeHooks
  }
}
