// The page side of the Phoenix e2e checks: a fresh pool and engine restricted to `providers` score a seeded
// request batch after batch for one viewer, then once more after the viewer's history changed, and embed
// the viewer with the user tower. Run counts after each step show which sessions did the work.
import { createOrtPool } from '../pool/pool'
import type { Capabilities } from '../pool/types'
import type { PhoenixCheckOutcome, PhoenixCheckRequest } from '../test-hooks-types'
import { createPhoenixEngine } from './create-engine'
import { phoenixTestRequest, withOneMoreEngagement } from './phoenix-test-request'

export async function runPhoenixCheck(
  caps: Pick<Capabilities, 'webgpu'>,
  req: PhoenixCheckRequest,
): Promise<PhoenixCheckOutcome> {
  const pool = createOrtPool({ size: req.poolSize })
  try {
    const options = req.chunkSize === undefined ? {} : { chunkSize: req.chunkSize }
    const engine = await createPhoenixEngine(caps, { pool, providers: req.providers, ...options })
    const { viewer, batches, nowMs } = phoenixTestRequest(req.seed, req.events, req.batchSizes)
    const ranks: PhoenixCheckOutcome['ranks'] = []
    for (const batch of batches) {
      const s = await engine.score(viewer, batch, nowMs)
      ranks.push({
        probs: Array.from(s.probs),
        dwellSeconds: Array.from(s.dwellSeconds),
        runCounts: await engine.runCounts(),
      })
    }
    const changed = await engine.score(
      withOneMoreEngagement(viewer, req.seed + 1),
      batches.at(-1) ?? [],
      nowMs,
    )
    const changedHistory = { probs: Array.from(changed.probs), runCounts: await engine.runCounts() }
    const userEmbedding = Array.from(await engine.userEmbedding(viewer))
    return { engine: engine.name, backend: engine.backend, ranks, changedHistory, userEmbedding }
  } finally {
    pool.terminate()
  }
}
