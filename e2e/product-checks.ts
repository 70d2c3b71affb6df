// Helpers for the product specs: read the rendered timeline, count requests, run axe-core, save screenshots.
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { expect, type Page } from '@playwright/test'

export const SHOTS = 'test-output'

export interface ShownPost {
  postId: string
  authorId: string
  inNetwork: boolean
  source: string
  finalScore: number
}

export function shownPosts(page: Page): Promise<ShownPost[]> {
  return page.locator('#feed-items > .feed-item').evaluateAll((nodes) =>
    nodes.map((n) => {
      const li = n as HTMLElement
      return {
        postId: li.dataset.postId ?? '',
        authorId: li.dataset.authorId ?? '',
        inNetwork: li.dataset.inNetwork === 'true',
        source: li.dataset.source ?? '',
        finalScore: Number(li.dataset.finalScore),
      }
    }),
  )
}

/** Waits until the feed finished its `loads`-th load, or failed: then fails with the page's error text. */
export async function feedSettled(page: Page, loads: number): Promise<void> {
  const feed = page.locator('#feed')
  await expect
    .poll(
      async () => {
        const [state, done] = await Promise.all([
          feed.getAttribute('data-state'),
          feed.getAttribute('data-loads'),
        ])
        return state === 'error' || (state === 'ready' && Number(done) >= loads)
      },
      { timeout: 880_000, intervals: [500] },
    )
    .toBe(true)
  expect(await feed.getAttribute('data-error')).toBeNull()
  await expect(feed).toHaveAttribute('data-loads', String(loads))
}

/** Requests to the edge API while `action` runs. */
export async function edgeRequestsDuring(page: Page, action: () => Promise<void>): Promise<string[]> {
  const seen: string[] = []
  const listener = (r: { url(): string }) => {
    if (new URL(r.url()).pathname.startsWith('/v1/')) seen.push(r.url())
  }
  page.on('request', listener)
  try {
    await action()
  } finally {
    page.off('request', listener)
  }
  return seen
}

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** axe-core's WCAG 2 A/AA rules on the page: the serious and critical violations (ids and targets). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH })
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResults> } }).axe
    type AxeResults = { violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }
    const res = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
    })
    return res.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`)
  })
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  // A full page of charts on SwiftShader can take longer than Playwright's 20 s default on 2 busy cores.
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage, timeout: 120_000 })
}
