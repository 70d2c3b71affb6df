// The Following tab: the posts of the accounts the viewer follows, newest first, for comparison with For
// you. The expected order comes from the product world's definition (e2e/product-world.ts), not from the
// edge: every friend's post sorted by age, less the authors the viewer no longer follows. Its own copy of the
// world: the edge leaves served posts out of in-network fetches, and the feed specs serve from theirs. No
// model runs here: the session is put in place before the page loads.
import { expect, test } from '@playwright/test'
import { BASE_ARGS } from './chromium-args'
import { E2E_EDGE } from './e2e-env'
import { PRODUCT_BASES, productViewer, productWorld } from './product-world'

test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: BASE_ARGS } })

async function edge(path: string, init: RequestInit = {}, token = E2E_EDGE.adminToken): Promise<unknown> {
  const res = await fetch(`${E2E_EDGE.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  })
  expect(res.status, path).toBe(200)
  return res.json()
}

test('Following lists the followed accounts’ posts, newest first', async ({ page }) => {
  const viewer = productViewer('following')
  const world = productWorld(PRODUCT_BASES.following)
  const following = (await edge(`/v1/users/${viewer.id}/following`)) as { ids: string[] }
  const followed = new Set(following.ids)
  expect(followed.size).toBeGreaterThan(0)
  const expected = world.posts
    .filter((p) => followed.has(p.authorId))
    .sort((a, b) => a.createdAgoMs - b.createdAgoMs)
    .map((p) => p.id)

  const login = (await edge('/v1/auth/dev-login', {
    method: 'POST',
    body: JSON.stringify({ handle: viewer.handle }),
  })) as { userId: string; token: string; expiresAt: number }
  await page.addInitScript((s) => sessionStorage.setItem('fye.session', JSON.stringify(s)), {
    handle: viewer.handle,
    ...login,
  })
  await page.goto('/#/following')
  const view = page.locator('#following')
  await expect(view).toHaveAttribute('data-state', 'ready', { timeout: 60_000 })
  const shown = await view
    .locator('.feed-item')
    .evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.postId ?? ''))
  expect(shown.length).toBeGreaterThanOrEqual(Math.min(expected.length, 60))
  expect(shown).toEqual(expected.slice(0, shown.length))
  await expect(view.getByRole('status')).toContainText(`from the ${followed.size} accounts you follow`)
  await expect(page.locator('#tab-following')).toHaveAttribute('aria-current', 'page')
})
