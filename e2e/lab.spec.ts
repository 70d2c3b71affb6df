// The model lab on small slices: the page regenerates the eval set from the world's seed, scores it in the
// worker pool, and its exported metrics and references (plug-in ceiling, classical baseline, every head by
// hold-out kind, feed-level policy values) match the Node reference (`npm run models:eval -- --regenerate`'s
// own code on the same slice, on onnxruntime-web wasm in Node) within 1e-3 — on WASM, and on
// SwiftShader WebGPU with all four graphs on WebGPU (post_tower included: models/train/webgpu-safe-graph.ts).
// The WebGPU slice is the smallest that still ranks (2 sessions) and retrieves (corpus above K = 100):
// compiling the four graphs on SwiftShader takes minutes on a 2-core machine. Also axe-core and a screenshot.
import { expect, test } from '@playwright/test'
import { metricsOff, runLabOnPage } from './lab-page'
import { type LabSlice, labReference } from './lab-reference'
import { screenshot, seriousAxeViolations } from './product-checks'

const TOLERANCE = 1e-3
const GRAPHS = ['ranker_history', 'ranker_candidates', 'user_tower', 'post_tower']

test('the model lab on WASM completes on a small slice and matches models:eval within 1e-3', async ({
  page,
}) => {
  test.setTimeout(1_200_000)
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  const slice: LabSlice = { sessions: 6, corpus: 300, retrievalUsers: 3 }
  const reference = labReference(slice)
  const report = await runLabOnPage(page, slice, ['wasm'], 1_100_000)
  expect(report.evalSet.sessions).toBe(slice.sessions)
  expect(report.evalSet.corpus).toBe(slice.corpus)
  expect(report.backends.map((b) => b.provider)).toEqual(['wasm'])
  expect(Object.keys(report.backends[0]!.graphs).sort()).toEqual([...GRAPHS].sort())
  expect(Object.values(report.backends[0]!.graphs)).toEqual(['wasm', 'wasm', 'wasm', 'wasm'])
  expect(report.device.adapter?.architecture).toBe('swiftshader')
  expect(report.backends[0]!.latency.rankerSessionMs).toHaveLength(slice.sessions)
  expect(report.classical).not.toHaveProperty('error')
  expect(report.backends[0]!.references.policies.sessions).toBeGreaterThan(0)
  expect(metricsOff(report, await reference, TOLERANCE)).toEqual([])

  await expect(page.getByTestId('lab-heads').locator('tbody tr')).toHaveCount(23)
  for (const column of ['AUC plug-in', 'AUC classical', 'RCE plug-in', 'calib. classical'])
    await expect(page.getByTestId('lab-heads').getByRole('columnheader', { name: column })).toBeVisible()
  await page.locator('details.lab-holdout > summary').click()
  await expect(page.getByTestId('lab-holdout')).toBeVisible()
  await expect(page.getByTestId('lab-holdout').locator('tbody tr')).toHaveCount(23 * 4)
  await expect(page.getByTestId('lab-policies').locator('tbody tr')).toHaveCount(6)
  await expect(page.locator('.lab-chart canvas').first()).toBeVisible()
  expect(await seriousAxeViolations(page)).toEqual([])
  await screenshot(page, 'lab', true)
  expect(pageErrors).toEqual([])
})

test('the model lab on SwiftShader WebGPU runs every graph there and matches models:eval within 1e-3', async ({
  page,
}) => {
  test.setTimeout(1_200_000)
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  const slice: LabSlice = { sessions: 2, corpus: 160, retrievalUsers: 2 }
  const reference = labReference(slice)
  const report = await runLabOnPage(page, slice, ['webgpu'], 1_100_000)
  expect(report.evalSet.corpus).toBe(slice.corpus)
  expect(report.evalSet.retrievalUsers).toBeGreaterThan(0)
  expect(report.backends.map((b) => b.provider)).toEqual(['webgpu'])
  expect(report.backends[0]!.graphs).toEqual(Object.fromEntries(GRAPHS.map((g) => [g, 'webgpu'])))
  expect(report.backends[0]!.latency.postTowerBatchMs.length).toBeGreaterThan(0)
  expect(metricsOff(report, await reference, TOLERANCE)).toEqual([])
  await screenshot(page, 'lab-webgpu', true)
  expect(pageErrors).toEqual([])
})
