// The model lab on a small slice: the page regenerates the eval set from the world's seed, scores it on
// WASM, and its exported metrics match the Node reference (the same shared eval code `npm run models:eval
// -- --regenerate` runs, on onnxruntime in Node) within 1e-3. Also axe-core and a screenshot under
// test-output/. WASM only: compiling the four graphs on SwiftShader WebGPU takes minutes on a 2-core
// machine; the lab's WebGPU run is the same engine with another provider.
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import type { ModelEvalResult } from '../shared/eval/evaluate-model.ts'
import type { LabReport } from '../web/src/lab/lab-report'
import { type LabSlice, labNumbers, labReference } from './lab-reference'
import { screenshot, seriousAxeViolations } from './product-checks'

const SLICE: LabSlice = { sessions: 6, corpus: 300, retrievalUsers: 3 }
const TOLERANCE = 1e-3

test('the model lab completes on a small slice and matches models:eval within 1e-3', async ({ page }) => {
  test.setTimeout(1_200_000)
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  const reference = labReference(SLICE)
  await page.goto('/#/lab')
  await expect(page.getByTestId('lab-device')).toContainText('WebGPU adapter')
  await page.locator('#lab-sessions').fill(String(SLICE.sessions))
  await page.locator('#lab-corpus').fill(String(SLICE.corpus))
  await page.locator('#lab-users').fill(String(SLICE.retrievalUsers))
  await page.getByLabel('WebGPU').uncheck()
  await page.getByRole('button', { name: 'Run evaluation' }).click()
  const status = page.getByTestId('lab-status')
  await expect(status).toHaveAttribute('data-phase', 'running')
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeEnabled()
  await expect(status).not.toHaveAttribute('data-phase', 'running', { timeout: 1_100_000 })
  await expect(status, (await status.textContent()) ?? '').toHaveAttribute('data-phase', 'done')
  await expect(page.locator('progress')).toHaveAttribute('value', '1')

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export JSON' }).click()
  const report = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as LabReport
  expect(report.evalSet.sessions).toBe(SLICE.sessions)
  expect(report.evalSet.corpus).toBe(SLICE.corpus)
  expect(report.backends.map((b) => b.provider)).toEqual(['wasm'])
  expect(Object.values(report.backends[0]!.graphs)).toEqual(['wasm', 'wasm', 'wasm', 'wasm'])
  expect(report.device.adapter?.architecture).toBe('swiftshader')

  const expected = labNumbers(await reference)
  expect(expected.length).toBeGreaterThan(100)
  for (const run of report.backends) {
    expect(run.latency.rankerSessionMs).toHaveLength(SLICE.sessions)
    const got = new Map(labNumbers(run.metrics as ModelEvalResult))
    const off = expected.filter(([name, want]) => {
      const have = got.get(name)
      if (want === null || have === null || have === undefined) return want !== have
      return Math.abs(have - want) > TOLERANCE
    })
    expect(off.map(([name, want]) => `${run.provider} ${name}: ${got.get(name)} vs ${want}`)).toEqual([])
  }

  await expect(page.getByTestId('lab-heads').locator('tbody tr')).toHaveCount(23)
  await expect(page.locator('.lab-chart canvas').first()).toBeVisible()
  expect(await seriousAxeViolations(page)).toEqual([])
  await screenshot(page, 'lab', true)
  expect(pageErrors).toEqual([])
})
