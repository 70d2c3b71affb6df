// The For You flow end to end in a Chromium without a WebGPU adapter: the same page falls back to WASM,
// says why, and serves the same kind of explained feed against the e2e edge (its own seeded viewer).
import { expect, test } from '@playwright/test'
import { BASE_ARGS } from './chromium-args'
import {
  candidateIdsBefore,
  expectExplainedRanking,
  expectServedRecorded,
  loadFeedInPage,
} from './feed-checks'
import { feedWorldFacts } from './feed-worlds'

test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: BASE_ARGS } })

const world = feedWorldFacts('wasm')

test('For You on WASM (no WebGPU adapter): candidates → pool ranking → served, explained', async ({
  page,
}) => {
  test.setTimeout(480_000)
  const before = await candidateIdsBefore(world)
  const items = await loadFeedInPage(page, world, 2)
  const engine = page.locator('#feed-engine')
  await expect(engine).toHaveAttribute('data-provider', 'wasm')
  await expect(engine).toHaveAttribute('data-engine', 'ort-wasm')
  await expect(engine).toHaveAttribute('data-fallback-reason', 'webgpu not tried: no WebGPU adapter')
  await expect(engine).toContainText('WASM')
  expectExplainedRanking(items, world)
  await expectServedRecorded(world, before, items)
})

test('an unknown handle is refused by the edge and the page names the field', async ({ page }) => {
  await page.goto('/')
  await expect(page.locator('#feed')).toHaveAttribute('data-state', 'idle')
  await page.locator('#feed-handle').fill('nobody_e2e')
  await page.locator('#feed-load').click()
  await expect(page.locator('#feed')).toHaveAttribute('data-state', 'error', { timeout: 60_000 })
  await expect(page.locator('#feed')).toHaveAttribute('data-error', /user_not_found, field handle/)
  await expect(page.locator('.feed-item')).toHaveCount(0)
})
