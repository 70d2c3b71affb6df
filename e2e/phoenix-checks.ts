// Assertions shared by the Phoenix specs (WebGPU and WASM): the pool's scores against the Node-side
// TypeScript reference, and run counts that prove the history prefix is cached per viewer.
import { expect } from '@playwright/test'
import { PHOENIX_CONFIG } from '../shared/phoenix/config.ts'
import type { RankerScores } from '../shared/phoenix/reference/ranker-reference.ts'
import { maxAbsDiff } from '../shared/phoenix/reference/tensor-ops.ts'
import type { RunCounts } from '../web/src/pool/types'

/** Largest |diff| over probabilities and dwell (as a fraction of its 30 s scale, like the Node contract). */
export function scoreDiff(got: { probs: number[]; dwellSeconds?: number[] }, want: RankerScores): number {
  expect(got.probs).toHaveLength(want.probs.length)
  const probs = maxAbsDiff(got.probs, want.probs)
  if (got.dwellSeconds === undefined) return probs
  expect(got.dwellSeconds).toHaveLength(want.dwellSeconds.length)
  return Math.max(probs, maxAbsDiff(got.dwellSeconds, want.dwellSeconds) / PHOENIX_CONFIG.dwellScaleSeconds)
}

/** Runs of `model` summed over the pool's workers. */
export const runsOf = (counts: RunCounts[], model: string): number =>
  counts.reduce((s, c) => s + (c[model] ?? 0), 0)
