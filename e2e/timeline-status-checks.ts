// Checks on a loaded For You page that the product specs share: the status line (backend, model versions,
// edge latency) and the interstitial over a followed NSFW author's posts. Expected values come from outside
// the page: the manifest file the dev server serves and the product world's definition.
import { readFileSync } from 'node:fs'
import { expect, type Page } from '@playwright/test'
import { PRODUCT_BASES, type ProductWorldName, productNsfwFriendId, productWorld } from './product-world'

const STATUS_MODELS = ['ranker_history', 'ranker_candidates', 'user_tower']

/** What the Models item should say: each graph's sha256 prefix and the world generator, from manifest.json. */
function modelVersionsFromManifest(): string {
  const manifest = JSON.parse(readFileSync('models/artifacts/manifest.json', 'utf8')) as {
    world: { generatorVersion: string }
    artifacts: Record<string, { sha256: string }>
  }
  const ids = STATUS_MODELS.map((m) => `${m} ${manifest.artifacts[`${m}.onnx`]!.sha256.slice(0, 8)}`)
  return `${ids.join(', ')} · world ${manifest.world.generatorVersion}`
}

/** The status line names the backend, the models' versions and the last edge request's latency. */
export async function expectStatusLine(page: Page, backend: RegExp): Promise<void> {
  const status = page.getByRole('status', { name: 'Runtime status' })
  const item = (key: string) =>
    status
      .locator('.status-item')
      .filter({ has: page.locator('.status-key', { hasText: new RegExp(`^${key}$`) }) })
  await expect(item('Backend')).toContainText(backend)
  await expect(item('Backend')).toContainText(/ · loaded in \d+ ms$/)
  await expect(item('Models')).toHaveText(`Models ${modelVersionsFromManifest()}`)
  const latency = page.locator('#edge-latency')
  await expect(latency).toHaveText(/^\d+ ms \(\/v1\/[\w./-]+\)$/)
  // Text and data-ms read together: a later request (dwell, impressions) may update both.
  const shown = await latency.evaluate((n) => ({ text: n.textContent ?? '', ms: Number(n.dataset.ms) }))
  expect(shown.ms).toBeGreaterThan(0)
  expect(shown.text).toMatch(new RegExp(`^${Math.round(shown.ms)} ms `))
}

/**
 * The followed NSFW author's posts in the timeline (and only theirs) are behind an interstitial naming
 * `nsfw_author`; the first one's text stays hidden until its reveal control is used from the keyboard.
 */
export async function expectInterstitialRevealedByKeyboard(
  page: Page,
  name: ProductWorldName,
): Promise<void> {
  const authorId = productNsfwFriendId(name)
  const items = page.locator('#feed-items > .feed-item')
  const theirs = items.and(page.locator(`[data-author-id="${authorId}"]`))
  expect(await theirs.count()).toBeGreaterThan(0)
  const verdicts = await theirs.evaluateAll((ns) => ns.map((n) => (n as HTMLElement).dataset.visibility))
  expect(new Set(verdicts)).toEqual(new Set(['interstitial']))
  const behind = await items
    .and(page.locator('[data-visibility="interstitial"]'))
    .evaluateAll((ns) => ns.map((n) => (n as HTMLElement).dataset.authorId))
  expect(new Set(behind)).toEqual(new Set([authorId]))

  const item = theirs.first()
  const postId = await item.getAttribute('data-post-id')
  const text = productWorld(PRODUCT_BASES[name]).posts.find((p) => p.id === postId)?.text
  expect(text, `post ${postId} in the product world`).toBeTruthy()
  const note = item.locator('.interstitial[role="note"]')
  await expect(note).toBeVisible()
  await expect(note).toContainText('sensitive content (nsfw_author)')
  await expect(item.locator('.post-body')).toHaveCount(0)
  await expect(item).not.toContainText(text!)
  const reveal = note.getByRole('button', { name: 'Show post' })
  await reveal.focus()
  await expect(reveal).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(item.locator('.post-body .text')).toBeVisible()
  await expect(item.locator('.post-body .text')).toHaveText(text!)
  await expect(note).toHaveCount(0)
}
