// The demo feed as a person uses it, on WASM (a Chromium without WebGPU; the SwiftShader path is
// feed-webgpu.spec.ts): sign in, a timeline of ≥ 20 explained posts whose numbers match what an API client
// computes from the same candidates, local re-ranking from the weight controls, like and block reaching the
// next feed, infinite scroll, dwell, the composer, axe-core, a phone-width layout and screenshots; the status
// line (backend and why, model versions, edge latency) and a followed NSFW author's posts behind an
// interstitial that the keyboard reveals. One page for the whole file: the model loads once.
import { expect, type Page, test } from '@playwright/test'
import { DEFAULT_RANKING_PARAMS as PARAMS } from '../shared/ranking/ranking-params.ts'
import { type CandidatesBody, rankLikeAnApiClient } from './api-reference-ranking'
import { BASE_ARGS } from './chromium-args'
import { E2E_EDGE } from './e2e-env'
import {
  edgeRequestsDuring,
  feedSettled,
  screenshot,
  seriousAxeViolations,
  shownPosts,
} from './product-checks'
import { productViewer } from './product-world'
import { expectInterstitialRevealedByKeyboard, expectStatusLine } from './timeline-status-checks'

test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: BASE_ARGS } })
test.describe.configure({ mode: 'serial' })

const PRODUCT_VIEWER = productViewer('wasm')
let page: Page
const pageErrors: string[] = []
let firstCandidates: CandidatesBody

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  page.on('pageerror', (e) => pageErrors.push(e.message))
})
// biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructuring pattern here
test.afterEach(async ({}, testInfo) => {
  // The shared page is not the fixture page: keep its picture of a failure.
  if (testInfo.status !== testInfo.expectedStatus)
    await page.screenshot({ path: testInfo.outputPath('failure.png'), timeout: 60_000 }).catch(() => {})
})
test.afterAll(async () => {
  await page.close()
})

test('sign in: a timeline of ≥ 20 ranked, explained posts', async () => {
  // The first load downloads and compiles the models: minutes on a busy 2-core machine.
  test.setTimeout(900_000)
  await page.goto('/?feedPool=2')
  await expect(page.locator('#feed')).toHaveAttribute('data-state', 'idle')
  await page.locator('#feed-handle').fill(PRODUCT_VIEWER.handle)
  const candidates = page.waitForResponse(
    (r) =>
      r.url().endsWith('/v1/feed/candidates') && (r.request().postData() ?? '').includes('userEmbedding'),
    { timeout: 880_000 },
  )
  await page.locator('#feed-load').click()
  firstCandidates = (await (await candidates).json()) as CandidatesBody
  await feedSettled(page, 1)
  await expect(page.locator('#feed')).toHaveAttribute('data-viewer-id', PRODUCT_VIEWER.id)
  await expect(page.locator('#feed-engine')).toHaveAttribute('data-provider', 'wasm')
  const posts = await shownPosts(page)
  expect(posts.length).toBeGreaterThanOrEqual(20)
  expect(new Set(posts.map((p) => p.postId)).size).toBe(posts.length)
  expect(posts.some((p) => p.inNetwork) && posts.some((p) => !p.inNetwork)).toBe(true)
  const first = page.locator('#feed-items > .feed-item').first()
  await expect(first.locator('.author')).toContainText('@p')
  await expect(first.locator('.counts')).toContainText('likes')
  await expect(first.locator('.when')).toHaveText(/^(now|\d+[smhd])$/)
  await screenshot(page, 'feed')
  expect(pageErrors).toEqual([])
})

test("the explanations' numbers equal an API client's ranking of the same candidates", async () => {
  test.setTimeout(300_000)
  const reference = await rankLikeAnApiClient(firstCandidates)
  const byId = new Map(reference.items.map((i) => [i.post.postId, i]))
  const rendered = await page.locator('#feed-items > .feed-item').evaluateAll((nodes) =>
    nodes.map((n) => {
      const li = n as HTMLElement
      const heads = Array.from(li.querySelectorAll<HTMLElement>('.head')).map((h) => ({
        head: h.dataset.head ?? '',
        value: h.dataset.value === 'null' ? null : Number(h.dataset.value),
        weight: Number(h.dataset.weight),
      }))
      const weighted = li.querySelector<HTMLElement>('.weighted')?.dataset.weightedScore
      const kinds = Array.from(li.querySelectorAll<HTMLElement>('.adjustment')).map((a) => a.dataset.kind)
      return { postId: li.dataset.postId ?? '', weighted: Number(weighted), heads, kinds }
    }),
  )
  const matched = rendered.filter((r) => byId.has(r.postId))
  // WASM vs the TypeScript reference differ by ≤ 1e-4 per probability: the same posts make the cut.
  expect(matched.length).toBeGreaterThanOrEqual(Math.floor(rendered.length * 0.9))
  for (const r of matched) {
    const ref = byId.get(r.postId)!.explanation
    const refHeads = new Map(ref.weighted?.heads.map((h) => [h.head, h]))
    expect(r.heads).toHaveLength(refHeads.size)
    for (const h of r.heads) {
      const want = refHeads.get(h.head as never)!
      expect(h.weight, h.head).toBe(want.weight)
      if (want.value === null) expect(h.value).toBeNull()
      else expect(Math.abs((h.value ?? Number.NaN) - want.value), `${r.postId} ${h.head}`).toBeLessThan(1e-3)
    }
    expect(Math.abs(r.weighted - ref.weighted!.weightedScore) / ref.weighted!.weightedScore).toBeLessThan(
      1e-2,
    )
    expect(r.kinds.filter((k) => k !== 'diversity_rerank')).toEqual(
      ref.adjustments.map((a) => a.kind).filter((k) => k !== 'diversity_rerank'),
    )
  }
  // The explanation opens with its chart; screenshot it.
  const why = page.locator('#feed-items > .feed-item').first().locator('details.why')
  await why.locator('summary').click()
  await expect(why.locator('.head-chart canvas')).toBeVisible()
  await why.screenshot({ path: 'test-output/explanation.png' })
})

test('the status line names the WASM backend and why, the model versions and the edge latency', async () => {
  await expectStatusLine(page, /^Backend WASM — webgpu not tried: no WebGPU adapter, threads on · /)
})

test("a followed NSFW author's posts are behind an interstitial until the keyboard reveals one", async () => {
  await expectInterstitialRevealedByKeyboard(page, 'wasm')
  expect(pageErrors).toEqual([])
})

test('a weight change re-ranks locally, without an edge request, and the explanations follow', async () => {
  const before = await shownPosts(page)
  await page.locator('.weights summary', { hasText: 'Adjustments' }).click()
  const requests = await edgeRequestsDuring(page, async () => {
    await page.locator('#param-oon-factor').fill('0.1')
    await expect(page.locator('#feed')).toHaveAttribute('data-reranks', '1')
  })
  expect(requests).toEqual([])
  await expect(page.locator('#params-version')).toHaveText(`${PARAMS.version}+custom`)
  const after = await shownPosts(page)
  for (let k = 1; k < after.length; k++)
    expect(after[k]!.finalScore).toBeLessThanOrEqual(after[k - 1]!.finalScore)
  const oonFactors = await page
    .locator('#feed-items > .feed-item[data-in-network="false"] .adjustment[data-kind="out_of_network"]')
    .evaluateAll((nodes) => nodes.map((n) => Number((n as HTMLElement).dataset.factor)))
  expect(oonFactors.length).toBeGreaterThan(0)
  expect(new Set(oonFactors)).toEqual(new Set([0.1]))
  const inNetworkShare = (ps: typeof before) => ps.slice(0, 10).filter((p) => p.inNetwork).length
  expect(inNetworkShare(after)).toBeGreaterThanOrEqual(inNetworkShare(before))
  expect(after.map((p) => p.postId)).not.toEqual(before.map((p) => p.postId))
  // Reset restores the upstream parameters, again locally.
  await page.locator('#weights-reset').click()
  await expect(page.locator('#feed')).toHaveAttribute('data-reranks', '2')
  await expect(page.locator('#params-version')).toHaveText(PARAMS.version)
})

test('infinite scroll fetches a further page of new posts', async () => {
  test.setTimeout(360_000)
  const before = await shownPosts(page)
  await page.locator('#feed-more').scrollIntoViewIfNeeded()
  await feedSettled(page, 2)
  const after = await shownPosts(page)
  expect(after.length).toBeGreaterThan(before.length)
  expect(after.slice(0, before.length).map((p) => p.postId)).toEqual(before.map((p) => p.postId))
  expect(new Set(after.map((p) => p.postId)).size).toBe(after.length)
  // The first posts were on screen since sign-in and scrolled away: each sent one dwell engagement.
  const shown = new Set(before.map((p) => p.postId))
  await expect
    .poll(async () => {
      const h = (await adminGet(`/v1/users/${PRODUCT_VIEWER.id}/engagements`)) as {
        engagements: { postId: string; action: string }[]
      }
      return h.engagements.filter((e) => e.action === 'dwell' && shown.has(e.postId)).length
    })
    .toBeGreaterThan(0)
})

async function adminGet(path: string): Promise<unknown> {
  const res = await fetch(`${E2E_EDGE.url}${path}`, {
    headers: { authorization: `Bearer ${E2E_EDGE.adminToken}` },
  })
  expect(res.status, path).toBe(200)
  return res.json()
}

test('like and block reach the edge; the next feed has the like in its history, no blocked author, no repeats', async () => {
  test.setTimeout(360_000)
  const shown = await shownPosts(page)
  const liked = shown[0]!
  const blocked = shown.find((p) => p.authorId !== liked.authorId)!
  const likedItem = page.locator(`#feed-items > .feed-item[data-post-id="${liked.postId}"]`)
  await likedItem.locator('button[data-action="favorite"]').click()
  await expect(likedItem.locator('button[data-action="favorite"]')).toHaveAttribute('aria-pressed', 'true')
  const blockedItem = page.locator(`#feed-items > .feed-item[data-post-id="${blocked.postId}"]`)
  await blockedItem.locator('summary', { hasText: 'More' }).click()
  await blockedItem.locator('button[data-action="block_author"]').click()
  // Hidden at once on this page; the edge has the block and both engagements.
  await expect(page.locator(`#feed-items > .feed-item[data-author-id="${blocked.authorId}"]`)).toHaveCount(0)
  const blocks = (await adminGet(`/v1/users/${PRODUCT_VIEWER.id}/blocks`)) as { ids?: string[] }
  expect(JSON.stringify(blocks)).toContain(blocked.authorId)
  const history = (await adminGet(`/v1/users/${PRODUCT_VIEWER.id}/engagements`)) as {
    engagements: { postId: string; action: string }[]
  }
  expect(history.engagements).toContainEqual(
    expect.objectContaining({ postId: liked.postId, action: 'favorite' }),
  )

  const served = new Set((await shownPosts(page)).map((p) => p.postId))
  const next = page.waitForResponse(
    (r) =>
      r.url().endsWith('/v1/feed/candidates') && (r.request().postData() ?? '').includes('userEmbedding'),
  )
  await page.locator('#feed-refresh').click()
  const body = (await (await next).json()) as CandidatesBody
  await feedSettled(page, 3)
  expect(body.viewer.history.map((e) => e.postId)).toContain(liked.postId)
  const refreshed = await shownPosts(page)
  expect(refreshed.length).toBeGreaterThan(0)
  expect(refreshed.filter((p) => p.authorId === blocked.authorId)).toEqual([])
  expect(refreshed.filter((p) => served.has(p.postId))).toEqual([])
})

test('the composer posts as the signed-in user and reports the Grox fields honestly', async () => {
  await page.locator('#composer-text').fill('trying the composer from the e2e suite')
  await page.locator('#composer-post').click()
  const posted = page.locator('.posted')
  await expect(posted).toHaveAttribute('data-post-id', /^\d+$/)
  const id = await posted.getAttribute('data-post-id')
  const post = (await adminGet(`/v1/posts/${id}`)) as { authorId: string; text: string }
  expect(post).toMatchObject({ authorId: PRODUCT_VIEWER.id, text: 'trying the composer from the e2e suite' })
  await expect(posted.locator('[data-grox="labels"]')).toHaveText(/.+/)
})

test('axe-core finds no serious or critical violations; the layout fits a phone', async () => {
  // axe over two pages of posts, then a full screenshot: past 120 s on a loaded 2-core machine.
  test.setTimeout(300_000)
  expect(await seriousAxeViolations(page)).toEqual([])
  await page.setViewportSize({ width: 390, height: 844 })
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await screenshot(page, 'feed-phone')
  expect(pageErrors).toEqual([])
})
