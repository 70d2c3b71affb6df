// Creating an account from the page (the dev-only sign-up, POST /v1/auth/dev-signup): a reserved handle is
// refused with the edge's reason, a new handle creates the account and signs it in, its For You feed loads,
// and the composer posts as the new user. On the way, the status line's progress bars (a fresh browser
// profile, so the models come from the network) reach every byte of the three graphs the feed loads and one
// session per graph in the one-worker pool. WASM (no WebGPU): the model compile is the slow part.
import { readFileSync } from 'node:fs'
import { expect, type Page, test } from '@playwright/test'
import { BASE_ARGS } from './chromium-args'
import { E2E_EDGE } from './e2e-env'
import { feedSettled, screenshot, seriousAxeViolations } from './product-checks'

test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: BASE_ARGS } })

async function adminGet(path: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${E2E_EDGE.url}${path}`, {
    headers: { authorization: `Bearer ${E2E_EDGE.adminToken}` },
  })
  expect(res.status, path).toBe(200)
  return (await res.json()) as Record<string, unknown>
}

/** manifest.json's byte count of the graphs the feed engine loads (web/src/phoenix/phoenix-engine.ts). */
function engineModelBytes(): number {
  const manifest = JSON.parse(readFileSync('models/artifacts/manifest.json', 'utf8')) as {
    artifacts: Record<string, { bytes: number }>
  }
  return ['ranker_history.onnx', 'ranker_candidates.onnx', 'user_tower.onnx']
    .map((f) => manifest.artifacts[f]!.bytes)
    .reduce((a, b) => a + b, 0)
}

async function expectLoadProgressDone(page: Page): Promise<void> {
  const bars = page.locator('.load-progress')
  await expect(bars).toHaveAttribute('data-state', 'done')
  const download = page.getByRole('progressbar', { name: 'Download' })
  const total = engineModelBytes()
  await expect(download).toHaveAttribute('max', String(total))
  await expect(download).toHaveAttribute('value', String(total))
  await expect(page.locator('#model-download-text')).not.toContainText('cache')
  const warmup = page.getByRole('progressbar', { name: 'Worker pool' })
  await expect(warmup).toHaveAttribute('max', '3')
  await expect(warmup).toHaveAttribute('value', '3')
  await expect(page.locator('#pool-warmup-text')).toHaveText('3 of 3 sessions')
}

test('create an account from the page: signed in, feed loaded, the composer posts as the new user', async ({
  page,
}) => {
  test.setTimeout(900_000)
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  // Every value the download bar shows, to prove it moved in steps (a streamed fetch) rather than jumping.
  await page.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { downloadValues: string[] }).downloadValues = seen
    new MutationObserver(() => {
      const v = document.getElementById('model-download')?.getAttribute('value')
      if (v != null && seen.at(-1) !== v) seen.push(v)
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] })
  })
  await page.goto('/?feedPool=1')
  const feed = page.locator('#feed')
  await expect(feed).toHaveAttribute('data-state', 'idle')

  await page.getByLabel('Handle (1–15 letters, digits or _)').fill('X_Support')
  await page.getByLabel('Display name').fill('Help Desk Person')
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(feed).toHaveAttribute('data-state', 'error')
  await expect(feed).toHaveAttribute('data-error', /reserved.*field handle/)
  await expect(page.locator('#signup-form')).toBeVisible()
  expect(await seriousAxeViolations(page)).toEqual([])
  await screenshot(page, 'sign-up')

  const handle = `new${Date.now().toString(36)}`
  await page.getByLabel('Handle (1–15 letters, digits or _)').fill(`@${handle}`)
  await page.getByLabel('Display name').fill('Newcomer From E2E')
  const created = page.waitForResponse((r) => r.url().endsWith('/v1/auth/dev-signup'))
  await page.getByRole('button', { name: 'Create account' }).click()
  const response = await created
  expect(response.status()).toBe(201)
  const { userId } = (await response.json()) as { userId: string }
  await expect(page.locator('.signed-in')).toContainText(`Signed in as @${handle}`)
  await feedSettled(page, 1)
  await expect(feed).toHaveAttribute('data-viewer-id', userId)
  await expectLoadProgressDone(page)
  const steps = await page.evaluate(() => (window as unknown as { downloadValues: string[] }).downloadValues)
  expect(steps.length).toBeGreaterThan(10)
  expect(steps.map(Number)).toEqual([...steps.map(Number)].sort((a, b) => a - b))
  expect(await adminGet(`/v1/users/${userId}`)).toMatchObject({
    handle,
    displayName: 'Newcomer From E2E',
    followingCount: 0,
  })

  await page.locator('#composer-text').fill('my first post, from a brand new account')
  await page.locator('#composer-post').click()
  const posted = page.locator('.posted')
  await expect(posted).toHaveAttribute('data-post-id', /^\d+$/)
  const post = await adminGet(`/v1/posts/${await posted.getAttribute('data-post-id')}`)
  expect(post).toMatchObject({ authorId: userId, text: 'my first post, from a brand new account' })
  expect(await seriousAxeViolations(page)).toEqual([])
  expect(pageErrors).toEqual([])
})
