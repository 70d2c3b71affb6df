// The weight controls' feed-level policy value (issue 14): measured on the held-out viewers of a small eval
// slice, equal at the default weights to `models:eval`'s "ranking pipeline, trained ranker" row on the same
// slice (its own code in Node: e2e/lab-reference.ts) within 1e-3, and moved by a slider while the default
// row stays. Signed out: the panel needs no edge. WASM only (no WebGPU flag): the ranker is scored on WASM.
import { expect, type Locator, test } from '@playwright/test'
import { BASE_ARGS } from './chromium-args'
import { labReference } from './lab-reference'
import { screenshot, seriousAxeViolations } from './product-checks'

test.use({ launchOptions: { executablePath: '/usr/bin/chromium', args: BASE_ARGS } })

const TOLERANCE = 1e-3
const TRAINED = 'ranking pipeline, trained ranker'
const SESSIONS = 12
const PARTS = ['value', 'positive', 'negative'] as const

async function parts(head: Locator): Promise<Record<(typeof PARTS)[number], number>> {
  const [value, positive, negative] = await Promise.all(
    PARTS.map(async (p) => Number(await head.getAttribute(`data-${p}`))),
  )
  return { value: value!, positive: positive!, negative: negative! }
}

/** Sets a range input as a drag would end: its value, then the change event the controls listen to. */
async function setSlider(slider: Locator, value: number): Promise<void> {
  await slider.evaluate((el, v) => {
    const input = el as HTMLInputElement
    input.value = String(v)
    input.dispatchEvent(new Event('change', { bubbles: true }))
  }, value)
}

test('the weight controls show the feed value under the truth, equal to models:eval at the defaults', async ({
  page,
}) => {
  test.setTimeout(900_000)
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  const reference = labReference({ sessions: SESSIONS, corpus: 100, retrievalUsers: 1 })
  await page.goto('/')
  const panel = page.getByTestId('policy-value')
  await panel.locator('#policy-sessions').fill(String(SESSIONS))
  await panel.getByRole('button', { name: 'Measure on their held-out viewers' }).click()
  const current = panel.locator('[data-ranking="current"]')
  const defaults = panel.locator('[data-ranking="defaults"]')
  await expect(current.or(panel.getByText('failed:'))).toBeVisible({ timeout: 800_000 })
  await expect(current).toBeVisible()

  const want = (await reference).report.references.policies.values.find((v) => v.policy === TRAINED)!
  expect((await reference).report.references.policies.sessions).toBeGreaterThan(0)
  const atDefaults = await parts(defaults)
  for (const p of PARTS) expect(Math.abs(atDefaults[p] - want[p]), p).toBeLessThanOrEqual(TOLERANCE)
  expect(await parts(current)).toEqual(atDefaults)

  // Out-of-network posts nearly off: the served feeds change, the default row does not.
  await setSlider(page.locator('#param-oon-factor'), 0.05)
  await expect(current).not.toHaveAttribute('data-value', String(atDefaults.value))
  expect(await parts(defaults)).toEqual(atDefaults)
  const moved = await parts(current)
  expect(moved.value).not.toBe(atDefaults.value)
  expect(moved.value).toBeCloseTo(moved.positive - moved.negative, 9)

  expect(await seriousAxeViolations(page)).toEqual([])
  await panel.scrollIntoViewIfNeeded()
  await screenshot(page, 'weights-policy-value')

  await page.locator('#weights-reset').click()
  await expect(current).toHaveAttribute('data-value', String(atDefaults.value))
  await page.setViewportSize({ width: 390, height: 844 })
  await expect(panel).toBeVisible()
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0)
  expect(pageErrors).toEqual([])
})
