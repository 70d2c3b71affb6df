// Deterministic weights and inputs for the smoke MLP. Plain TS (no packages) so the model
// generator, the browser page and the Node-side tests all derive identical numbers.
import { seededRandom } from '../../../shared/util/seeded-random.ts'

export const SMOKE_IN = 8
export const SMOKE_HIDDEN = 16
export const SMOKE_OUT = 4
export const SMOKE_SEED = 0x5eed_0001

/** Row-major weights: w1 is [SMOKE_IN, SMOKE_HIDDEN], w2 is [SMOKE_HIDDEN, SMOKE_OUT]. */
export interface SmokeWeights {
  readonly w1: Float32Array
  readonly b1: Float32Array
  readonly w2: Float32Array
  readonly b2: Float32Array
}

function fill(next: () => number, length: number, scale: number): Float32Array {
  const out = new Float32Array(length)
  for (let i = 0; i < length; i++) out[i] = (next() * 2 - 1) * scale
  return out
}

export function smokeWeights(seed: number = SMOKE_SEED): SmokeWeights {
  const next = seededRandom(seed)
  // Scales keep pre-activations around ±1 so Relu and Sigmoid both do visible work.
  return {
    w1: fill(next, SMOKE_IN * SMOKE_HIDDEN, 0.6),
    b1: fill(next, SMOKE_HIDDEN, 0.2),
    w2: fill(next, SMOKE_HIDDEN * SMOKE_OUT, 0.5),
    b2: fill(next, SMOKE_OUT, 0.2),
  }
}

/** Fixed test inputs, row-major [batch, SMOKE_IN], values in [-1, 1). */
export function smokeInputs(batch = 3, seed = 42): Float32Array {
  return fill(seededRandom(seed), batch * SMOKE_IN, 1)
}
