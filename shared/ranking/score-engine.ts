// What the ranking pipeline needs from a Phoenix runtime: probabilities for every discrete head and the
// predicted dwell time, per candidate. The browser's worker pool (onnxruntime-web) and the edge's
// TypeScript reference forward pass both implement it; the pipeline never knows which one it has.
import type { FeedCandidate, FeedViewer } from '../types/feed.ts'

export interface PhoenixScores {
  /** [n × DISCRETE_ACTIONS.length] probabilities, row-major, in DISCRETE_ACTIONS order. */
  probs: Float32Array
  /** [n] predicted dwell time in seconds. */
  dwellSeconds: Float32Array
}

export interface PhoenixScoreEngine {
  /** A name for traces and explanations, e.g. "ort-webgpu", "ort-wasm", "ts-reference". */
  readonly name: string
  /**
   * Scores candidates for one viewer at `nowMs` (post ages are relative to it). Implementations may cache
   * the viewer's encoded history between calls; a candidate's scores must not depend on the others.
   */
  score(viewer: FeedViewer, candidates: readonly FeedCandidate[], nowMs: number): Promise<PhoenixScores>
}
