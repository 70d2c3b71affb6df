// Runs the smoke MLP through a worker pool and checks it against the plain-TS reference.

import { maxAbsDiff } from '../../../shared/phoenix/reference/tensor-ops.ts'
import { createOrtPool, type OrtPool } from '../pool/pool'
import type { LoadResult, Provider } from '../pool/types'
import type { SmokeOutcome } from '../test-hooks-types'
import { SMOKE_MODEL, SMOKE_TOLERANCE } from './smoke-model'
import { smokeForward } from './smoke-reference'
import { SMOKE_IN } from './smoke-weights'

/** Runs `input` ([batch, 8] row-major) through an already loaded pool. */
export async function runSmokeOn(
  pool: OrtPool,
  load: LoadResult,
  input: readonly number[],
): Promise<SmokeOutcome> {
  if (!load.ok) return { load, output: null, maxDiff: null, error: `${load.code}: ${load.message}` }
  const data = Float32Array.from(input)
  const res = await pool.run(SMOKE_MODEL.name, {
    x: { type: 'float32', data, dims: [input.length / SMOKE_IN, SMOKE_IN] },
  })
  if (!res.ok) return { load, output: null, maxDiff: null, error: `${res.code}: ${res.message}` }
  const y = res.outputs.y
  if (!y) return { load, output: null, maxDiff: null, error: 'no output y' }
  const output = { data: Array.from(y.data), dims: y.dims }
  return { load, output, maxDiff: maxAbsDiff(output.data, smokeForward(input)), error: null }
}

/** Fresh one-worker pool restricted to `providers`, so each EP is checked on its own. */
export async function runSmoke(providers: Provider[], input: readonly number[]): Promise<SmokeOutcome> {
  const pool = createOrtPool({ size: 1 })
  try {
    const loaded = await pool.load(SMOKE_MODEL, providers)
    const load: LoadResult = loaded.ok ? loaded.results[0]! : loaded
    return await runSmokeOn(pool, load, input)
  } finally {
    pool.terminate()
  }
}

export const smokePassed = (o: SmokeOutcome): boolean => o.maxDiff !== null && o.maxDiff <= SMOKE_TOLERANCE
