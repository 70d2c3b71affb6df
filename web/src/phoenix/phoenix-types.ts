// Plain data about the browser's Phoenix engine, importable by Node-side e2e specs (no Vite types).
import type { Provider } from '../pool/types'

/** Which provider the sessions run on, and why an earlier choice was given up (absent: none was). */
export interface PhoenixBackend {
  /** The provider of the history encoder: the one WebGPU speeds up most (one 128-token pass per viewer). */
  provider: Provider
  /** The provider each session runs on (they differ when a graph is kept off WebGPU). */
  models: Record<string, Provider>
  /** The providers offered, in order. */
  tried: Provider[]
  fallbackReason?: string
  loadMs: number
}
