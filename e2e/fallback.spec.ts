// The same page in a Chromium without --enable-unsafe-webgpu: no adapter, so the pool must fall
// back to wasm, both by choice (pickProviders) and after a real WebGPU session failure in the worker.
import { expect, test } from '@playwright/test'
import { maxAbsDiff } from '../shared/phoenix/reference/tensor-ops.ts'
import { smokeForward } from '../web/src/smoke/smoke-reference'
import { smokeInputs } from '../web/src/smoke/smoke-weights'
import { openApp } from './app'
import { BASE_ARGS } from './chromium-args'

const INPUT = Array.from(smokeInputs(2))

test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: BASE_ARGS } })

test('without a WebGPU adapter the page picks wasm and skips the webgpu check', async ({ page }) => {
  const errors = await openApp(page)
  await expect(page.locator('#gpu-status')).toHaveAttribute('data-state', 'unavailable')
  await expect(page.locator('#backend-status')).toHaveAttribute('data-provider', 'wasm')
  await expect(page.locator('#backend-status')).toHaveAttribute('data-state', 'ok')
  await expect(page.locator('#ep-webgpu')).toHaveAttribute('data-state', 'skipped')
  await expect(page.locator('#ep-wasm')).toHaveAttribute('data-state', 'ok')
  expect(await page.evaluate(() => window.__fye!.pickProviders('webgpu'))).toEqual(['wasm'])
  expect(errors).toEqual([])
})

test('worker falls back to wasm when the WebGPU session cannot be created', async ({ page }) => {
  await openApp(page)
  const o = await page.evaluate((x) => window.__fye!.runSmoke(['webgpu', 'wasm'], x), INPUT)
  expect(o.load).toMatchObject({ ok: true, provider: 'wasm' })
  expect(maxAbsDiff(o.output?.data ?? [], smokeForward(INPUT))).toBeLessThanOrEqual(1e-4)

  const only = await page.evaluate((x) => window.__fye!.runSmoke(['webgpu'], x), INPUT)
  expect(only.load).toMatchObject({ ok: false, code: 'backend-failed' })
  expect(only.load.ok ? '' : only.load.message).toMatch(/webgpu/i)
})
