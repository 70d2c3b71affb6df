// The Phoenix engine in a Chromium without a WebGPU adapter: the pool falls back to WASM after a real WebGPU
// session failure and says why; scores of 150 + 20 candidates (chunked over two workers) equal the
// TypeScript reference within 1e-4, as does the user tower; a second batch reuses the cached prefix.
import { expect, test } from '@playwright/test'
import { PHOENIX_CONFIG } from '../shared/phoenix/config.ts'
import { maxAbsDiff } from '../shared/phoenix/reference/tensor-ops.ts'
import type { PhoenixCheckRequest } from '../web/src/test-hooks-types'
import { openApp } from './app'
import { BASE_ARGS } from './chromium-args'
import { runsOf, scoreDiff } from './phoenix-checks'
import { phoenixReference } from './phoenix-reference'

test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: BASE_ARGS } })

const REQUEST: PhoenixCheckRequest = {
  providers: ['webgpu', 'wasm'],
  poolSize: 2,
  seed: 7,
  events: 70,
  batchSizes: [150, 20],
}
const TOL = 1e-4
const CHUNKS = Math.ceil(150 / PHOENIX_CONFIG.maxCandidates)

test('Phoenix on WASM: fallback reported, chunked scores and user tower match the reference (≤ 1e-4), prefix cached', async ({
  page,
}) => {
  test.setTimeout(300_000)
  const want = phoenixReference(REQUEST.seed, REQUEST.events, REQUEST.batchSizes)
  await openApp(page)
  const got = await page.evaluate((r) => window.__fye!.phoenixCheck(r), REQUEST)
  expect(got.engine).toBe('ort-wasm')
  expect(got.backend.provider).toBe('wasm')
  expect(got.backend.models).toEqual({
    ranker_history: 'wasm',
    ranker_candidates: 'wasm',
    user_tower: 'wasm',
  })
  expect(got.backend.fallbackReason).toMatch(/webgpu/i)

  const [first, second] = got.ranks
  expect(scoreDiff(first!, want.batches[0]!)).toBeLessThanOrEqual(TOL)
  expect(scoreDiff(second!, want.batches[1]!)).toBeLessThanOrEqual(TOL)
  expect(scoreDiff(got.changedHistory, want.changedHistory)).toBeLessThanOrEqual(TOL)
  expect(maxAbsDiff(got.userEmbedding, want.userEmbedding)).toBeLessThanOrEqual(TOL)
  // The history matters (so the cache check below is not vacuous): one more engagement moves the scores.
  expect(maxAbsDiff(got.changedHistory.probs, second!.probs)).toBeGreaterThan(1e-4)

  // 150 candidates: one history encode, three candidate chunks spread over both workers.
  expect(runsOf(first!.runCounts, 'ranker_history')).toBe(1)
  expect(runsOf(first!.runCounts, 'ranker_candidates')).toBe(CHUNKS)
  expect(first!.runCounts.map((c) => c.ranker_candidates ?? 0).every((n) => n > 0)).toBe(true)
  // New candidates for the same viewer and history: no new history run.
  expect(runsOf(second!.runCounts, 'ranker_history')).toBe(1)
  expect(runsOf(second!.runCounts, 'ranker_candidates')).toBe(CHUNKS + 1)
  // A changed history is a cache miss.
  expect(runsOf(got.changedHistory.runCounts, 'ranker_history')).toBe(2)
})

test('no WebGPU adapter: the app-level provider choice skips WebGPU and reports why', async ({ page }) => {
  await openApp(page)
  const got = await page.evaluate(() =>
    window.__fye!.phoenixCheck({
      providers: window.__fye!.pickProviders('auto'),
      poolSize: 1,
      seed: 3,
      events: 5,
      batchSizes: [2],
    }),
  )
  expect(got.backend).toMatchObject({ provider: 'wasm', tried: ['wasm'] })
  expect(got.backend.fallbackReason).toBe('webgpu not tried: no WebGPU adapter')
  expect(scoreDiff(got.ranks[0]!, phoenixReference(3, 5, [2]).batches[0]!)).toBeLessThanOrEqual(TOL)
})
