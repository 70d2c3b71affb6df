// Shared helpers for the specs: open the health page and call its window.__fye hooks.
import { expect, type Page } from '@playwright/test'
// Augments Window with __fye for page.evaluate callbacks in the specs.
import '../web/src/test-hooks-types'

/** Opens the page, fails on uncaught page errors, and waits until every health check finished. */
export async function openApp(page: Page): Promise<string[]> {
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  await page.goto('/')
  await expect(page).toHaveTitle('For You Edge')
  await expect(page.locator('#app')).toHaveAttribute('data-ready', 'true', { timeout: 90_000 })
  await expect(page.locator('#app')).not.toHaveAttribute('data-error', /./)
  return pageErrors
}

/** Whether the edge API answers from Node, so the page's edge row has a known expected state. */
export async function edgeIsUp(): Promise<boolean> {
  const base = process.env.EDGE_URL ?? 'http://127.0.0.1:8787'
  try {
    const res = await fetch(`${base}/v1/health`, { signal: AbortSignal.timeout(2000) })
    return res.ok
  } catch {
    return false
  }
}
