// The Phoenix engine (split ranker + user tower) in the worker pool with SwiftShader WebGPU: all three graphs
// run on WebGPU (ranker_candidates and user_tower as rewritten by models/train/webgpu-safe-graph.ts), with no
// fallback, and the engine's scores and embedding equal the TypeScript reference within 1e-3. SwiftShader is slow, so the
// batches are small and the pool has one worker.
import { expect, test } from '@playwright/test'
import { maxAbsDiff } from '../shared/phoenix/reference/tensor-ops.ts'
import type { PhoenixCheckRequest } from '../web/src/test-hooks-types'
import { openApp } from './app'
import { runsOf, scoreDiff } from './phoenix-checks'
import { phoenixReference } from './phoenix-reference'

const REQUEST: PhoenixCheckRequest = {
  providers: ['webgpu', 'wasm'],
  poolSize: 1,
  seed: 11,
  events: 40,
  batchSizes: [6, 3],
}
const TOL = 1e-3

test('Phoenix ranker and user tower on WebGPU match the TypeScript reference (≤ 1e-3)', async ({ page }) => {
  test.setTimeout(420_000)
  const want = phoenixReference(REQUEST.seed, REQUEST.events, REQUEST.batchSizes)
  await openApp(page)
  const got = await page.evaluate((r) => window.__fye!.phoenixCheck(r), REQUEST)
  expect(got.backend).toMatchObject({
    provider: 'webgpu',
    tried: ['webgpu', 'wasm'],
    models: { ranker_history: 'webgpu', ranker_candidates: 'webgpu', user_tower: 'webgpu' },
  })
  expect(got.backend.fallbackReason).toBeUndefined()
  expect(got.engine).toBe('ort-webgpu')
  got.ranks.forEach((rank, i) => {
    expect(scoreDiff(rank, want.batches[i]!)).toBeLessThanOrEqual(TOL)
  })
  expect(scoreDiff(got.changedHistory, want.changedHistory)).toBeLessThanOrEqual(TOL)
  expect(maxAbsDiff(got.userEmbedding, want.userEmbedding)).toBeLessThanOrEqual(TOL)
  // The second batch reused the first batch's prefix; the changed history did not.
  expect(got.ranks.map((r) => runsOf(r.runCounts, 'ranker_history'))).toEqual([1, 1])
  expect(runsOf(got.changedHistory.runCounts, 'ranker_history')).toBe(2)
})
