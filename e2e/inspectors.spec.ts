// The inspectors from a real feed request: the For You feed loads in the browser (WASM), and the feed
// request inspector shows the edge's candidate-pipeline trace exactly as POST /v1/feed/candidates returned
// it (stages, counts, removed per filter) next to the browser's ranking trace; the Grox monitor, given the
// admin token, shows what GET /v1/admin/grox/stats answers (or says the route is not there). Also axe-core
// and a screenshot under test-output/.
import { expect, test } from '@playwright/test'
import type { PipelineTrace } from '../shared/pipeline/trace.ts'
import { edgeClient } from '../web/src/api/edge-client'
import { GROX_POLL_MS } from '../web/src/inspectors/grox-poll'
import { BASE_ARGS } from './chromium-args'
import { E2E_EDGE } from './e2e-env'
import { feedSettled, screenshot, seriousAxeViolations } from './product-checks'
import { productViewer } from './product-world'

test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: BASE_ARGS }, actionTimeout: 20_000 })

// The product world's wasm copy: feed-product.spec.ts serves from it too, and any state of it has a trace.
const VIEWER = productViewer('wasm')

test('the feed inspector and the Grox monitor render from real requests', async ({ page }) => {
  test.setTimeout(600_000)
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  await page.goto('/?feedPool=1#/for-you')
  await page.locator('#feed-handle').fill(VIEWER.handle)
  const candidates = page.waitForResponse(
    (r) =>
      r.url().endsWith('/v1/feed/candidates') && (r.request().postData() ?? '').includes('userEmbedding'),
    { timeout: 500_000 },
  )
  await page.locator('#feed-load').click()
  const trace = ((await (await candidates).json()) as { trace: PipelineTrace }).trace
  await feedSettled(page, 1)

  await page.getByRole('link', { name: 'Inspectors' }).click()
  const inspector = page.getByTestId('feed-inspector')
  await expect(inspector.getByTestId('feed-inspector-summary')).toContainText('posts served from')
  const edge = inspector.locator('[data-pipeline]').first()
  await expect(edge).toHaveAttribute('data-pipeline', trace.pipeline)
  const stageRows = edge.getByTestId('stages-edge-candidate-pipeline').locator('tbody tr')
  await expect(stageRows).toHaveCount(trace.stages.length)
  for (const s of trace.stages) {
    const cells = edge
      .getByTestId('stages-edge-candidate-pipeline')
      .locator(`tbody tr[data-stage="${s.stage}"] td`)
    await expect(cells.nth(0)).toHaveText(String(s.inputCount))
    await expect(cells.nth(1)).toHaveText(String(s.outputCount))
  }
  const filters = trace.stages.find((s) => s.stage === 'filter')!
  expect(filters.components.length).toBeGreaterThan(0)
  const components = edge.getByTestId('components-edge-candidate-pipeline')
  for (const f of filters.components) {
    const row = components.locator(`tr[data-component="${f.name}"]`).first()
    await expect(row.locator('td').nth(1)).toHaveText(f.outcome)
    await expect(row.locator('td').nth(4)).toHaveText(String(f.removedCount ?? ''))
  }
  await expect(inspector.locator('[data-pipeline]')).toHaveCount(2)

  const monitor = page.getByTestId('grox-monitor')
  await expect(monitor).toHaveAttribute('data-state', 'no-token')
  await monitor.getByLabel(/Admin token/).fill(E2E_EDGE.adminToken ?? '')
  // A poll comes and goes before the click: the typed token must survive the re-render it causes.
  await page.waitForTimeout(GROX_POLL_MS + 1000)
  await monitor.getByRole('button', { name: 'Show Grox stats' }).click()
  await expect(monitor).not.toHaveAttribute('data-state', /no-token|loading/)
  const admin = edgeClient(E2E_EDGE.url, { token: () => E2E_EDGE.adminToken })
  const res = await admin.v1.admin.grox.stats.$get()
  if ((res.status as number) === 404) {
    await expect(monitor).toHaveAttribute('data-state', 'unavailable')
    await expect(monitor).toContainText('Grox stats not available')
  } else {
    expect(res.status).toBe(200)
    const stats = await res.json()
    await expect(monitor).toHaveAttribute('data-state', 'ok')
    await expect(monitor.getByTestId('grox-streams').locator('tbody tr')).toHaveCount(
      Object.keys(stats.streams).length,
    )
    await expect(monitor.getByTestId('grox-plans').locator('tbody tr')).toHaveCount(
      Object.keys(stats.plans).length,
    )
  }
  expect(await seriousAxeViolations(page)).toEqual([])
  await screenshot(page, 'inspectors', true)
  expect(pageErrors).toEqual([])
})
