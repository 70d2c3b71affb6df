// The health page in a WebGPU-enabled Chromium: adapter, smoke model on both EPs vs the plain-TS
// reference, and the IndexedDB model cache.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { buildSmokeModel } from '../models/smoke/smoke-model-builder'
import { maxAbsDiff } from '../shared/phoenix/reference/tensor-ops.ts'
import { smokeForward } from '../web/src/smoke/smoke-reference'
import { SMOKE_SEED, smokeInputs, smokeWeights } from '../web/src/smoke/smoke-weights'
import { edgeIsUp, openApp } from './app'

const INPUT = Array.from(smokeInputs(3))
const EXPECTED = smokeForward(INPUT)
const MODEL_FILE = new URL('../web/public/models/smoke-mlp.onnx', import.meta.url)

test('health page renders every row and shows the edge state without crashing', async ({ page }) => {
  const errors = await openApp(page)
  const edge = page.locator('#edge-status')
  await expect(edge).toHaveAttribute('data-state', (await edgeIsUp()) ? 'ok' : 'unreachable')
  await expect(page.locator('#coi-status')).toHaveAttribute('data-isolated', 'true')
  await expect(page.locator('#backend-status')).toHaveAttribute('data-state', 'ok')
  await expect(page.locator('#backend-status')).toHaveAttribute('data-provider', 'webgpu')
  await expect(page.locator('#ep-webgpu')).toHaveAttribute('data-state', 'ok')
  await expect(page.locator('#ep-wasm')).toHaveAttribute('data-state', 'ok')
  expect(errors).toEqual([])
})

test('WebGPU adapter is obtained and reports its SwiftShader / fallback info', async ({ page }) => {
  await openApp(page)
  const gpu = page.locator('#gpu-status')
  await expect(gpu).toHaveAttribute('data-state', 'ok')
  const caps = await page.evaluate(() => window.__fye!.caps)
  expect(caps.webgpu).toBe(true)
  test.info().annotations.push({ type: 'adapter', description: JSON.stringify(caps.adapter) })
  // These machines have no GPU: Chromium's software adapter. FYE_HARDWARE_GPU=1 relaxes this.
  if (process.env.FYE_HARDWARE_GPU !== '1') {
    expect(caps.adapter).toMatchObject({ architecture: 'swiftshader', isFallbackAdapter: true })
    await expect(gpu).toHaveAttribute('data-fallback', 'true')
  }
  expect(await page.evaluate(() => window.__fye!.pickProviders('auto'))).toEqual(['webgpu', 'wasm'])
  expect(await page.evaluate(() => window.__fye!.pickProviders('wasm'))).toEqual(['wasm'])
})

for (const provider of ['webgpu', 'wasm'] as const) {
  test(`smoke model in a comlink worker on ${provider} matches the reference`, async ({ page }) => {
    await openApp(page)
    const o = await page.evaluate(([p, x]) => window.__fye!.runSmoke([p], x), [provider, INPUT] as const)
    expect(o.error).toBeNull()
    expect(o.load).toMatchObject({ ok: true, provider })
    expect(o.output?.dims).toEqual([3, 4])
    const got = o.output?.data ?? []
    expect(maxAbsDiff(got, EXPECTED)).toBeLessThanOrEqual(1e-4)
    // The check has teeth: a model with other weights would be far off.
    expect(maxAbsDiff(got, smokeForward(INPUT, smokeWeights(SMOKE_SEED + 1)))).toBeGreaterThan(1e-2)
  })
}

test('model cache: a new worker loads the model from IndexedDB, not the network', async ({ page }) => {
  await openApp(page)
  const fetched: string[] = []
  page.on('request', (r) => {
    if (r.url().endsWith('/models/smoke-mlp.onnx')) fetched.push(r.url())
  })
  const roundTrip = await page.evaluate(() => window.__fye!.idbRoundTrip('e2e-probe', [1, 2, 3, 250]))
  expect(roundTrip).toEqual([1, 2, 3, 250])

  await page.evaluate(() => window.__fye!.clearModelCache())
  const ref = await page.evaluate(() => window.__fye!.smokeModel)
  const first = await page.evaluate((r) => window.__fye!.loadModel(r, ['wasm']), ref)
  expect(first).toMatchObject({ ok: true, provider: 'wasm', bytesFrom: 'network' })
  expect(fetched).toHaveLength(1)

  const second = await page.evaluate((r) => window.__fye!.loadModel(r, ['wasm']), ref)
  expect(second).toMatchObject({ ok: true, provider: 'wasm', bytesFrom: 'cache' })
  expect(fetched).toHaveLength(1)

  const missing = { name: 'absent', url: '/models/absent.onnx', version: 'x' }
  const miss = await page.evaluate((r) => window.__fye!.loadModel(r, ['wasm']), missing)
  expect(miss).toMatchObject({ ok: false, code: 'model-missing' })
})

test('shipped smoke-mlp.onnx is what the generator builds and matches SMOKE_MODEL.version', async ({
  page,
}) => {
  const onDisk = readFileSync(MODEL_FILE)
  expect(Buffer.compare(onDisk, Buffer.from(buildSmokeModel()))).toBe(0)
  await page.goto('/')
  await page.waitForFunction(() => window.__fye !== undefined)
  const { version } = await page.evaluate(() => window.__fye!.smokeModel)
  const sha = createHash('sha256').update(onDisk).digest('hex')
  expect(version).toBe(`sha256-${sha.slice(0, 12)}`)
})
