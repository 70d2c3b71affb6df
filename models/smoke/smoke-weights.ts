// Deterministic weights and inputs for the smoke MLP. Plain TS with no dependencies so the model
// generator, the browser page and the Node-side tests all derive identical numbers.

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

/** mulberry32: tiny, well-known 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function fill(next: () => number, length: number, scale: number): Float32Array {
  const out = new Float32Array(length)
  for (let i = 0; i < length; i++) out[i] = (next() * 2 - 1) * scale
  return out
}

export function smokeWeights(seed: number = SMOKE_SEED): SmokeWeights {
  const next = mulberry32(seed)
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
  return fill(mulberry32(seed), batch * SMOKE_IN, 1)
}
