// The For You flow end to end on SwiftShader WebGPU against the e2e edge: the page signs in as a seeded
// viewer, embeds it with the user tower, fetches candidates (retrieval driven by that embedding), ranks them
// in the worker pool (every graph on WebGPU) and reports the served ids, which the edge then excludes.
import { expect, test } from '@playwright/test'
import {
  candidateIdsBefore,
  expectExplainedRanking,
  expectServedRecorded,
  loadFeedInPage,
} from './feed-checks'
import { feedWorldFacts } from './feed-worlds'
import { feedSettled, shownPosts } from './product-checks'
import { productViewer } from './product-world'
import { expectStatusLine } from './timeline-status-checks'

const world = feedWorldFacts('webgpu')

test('For You on WebGPU: candidates → pool ranking → served, every item explained', async ({ page }) => {
  test.setTimeout(540_000)
  const before = await candidateIdsBefore(world)
  // One worker: SwiftShader is slow, and this world's candidates fit one ranker pass.
  const items = await loadFeedInPage(page, world, 1)
  const engine = page.locator('#feed-engine')
  await expect(engine).toHaveAttribute('data-provider', 'webgpu')
  await expect(engine).toHaveAttribute('data-engine', 'ort-webgpu')
  await expect(engine).toHaveAttribute('data-fallback-reason', '')
  await expect(engine).toContainText('WebGPU')
  expectExplainedRanking(items, world)
  await expectServedRecorded(world, before, items)
})

test('the demo feed on WebGPU: sign in, ≥ 20 ranked posts, the adapter in the status line', async ({
  page,
}) => {
  test.setTimeout(540_000)
  const viewer = productViewer('webgpu')
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto('/?feedPool=1')
  await page.locator('#feed-handle').fill(viewer.handle)
  await page.locator('#feed-load').click()
  await feedSettled(page, 1)
  await expect(page.locator('#feed-engine')).toHaveAttribute('data-provider', 'webgpu')
  // The adapter headless Chromium gets here: SwiftShader (chromium-args.ts), a software fallback adapter.
  await expectStatusLine(page, /^Backend WebGPU — google swiftshader \(software\) · /)
  const posts = await shownPosts(page)
  expect(posts.length).toBeGreaterThanOrEqual(20)
  expect(new Set(posts.map((p) => p.postId)).size).toBe(posts.length)
  expect(errors).toEqual([])
})
