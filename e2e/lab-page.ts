// Drives the model lab page for the lab specs: fill in a slice, pick the backends, run it to the end and
// read back the exported JSON; then compare every metric with the Node reference.
import { readFileSync } from 'node:fs'
import { expect, type Page } from '@playwright/test'
import type { EvalReferences } from '../shared/eval/eval-references.ts'
import type { ModelEvalResult } from '../shared/eval/evaluate-model.ts'
import type { LabReport } from '../web/src/lab/lab-report'
import type { Provider } from '../web/src/pool/types'
import { type LabReference, type LabSlice, labNumbers, referenceNumbers } from './lab-reference'

export async function runLabOnPage(
  page: Page,
  slice: LabSlice,
  providers: Provider[],
  timeoutMs: number,
): Promise<LabReport> {
  await page.goto('/#/lab')
  await expect(page.getByTestId('lab-device')).toContainText('WebGPU adapter')
  await page.locator('#lab-sessions').fill(String(slice.sessions))
  await page.locator('#lab-corpus').fill(String(slice.corpus))
  await page.locator('#lab-users').fill(String(slice.retrievalUsers))
  for (const [p, label] of [
    ['webgpu', 'WebGPU'],
    ['wasm', 'WASM'],
  ] as const)
    await page.getByLabel(label, { exact: true }).setChecked(providers.includes(p))
  await page.getByRole('button', { name: 'Run evaluation' }).click()
  const status = page.getByTestId('lab-status')
  await expect(status).toHaveAttribute('data-phase', 'running')
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeEnabled()
  await expect(status).not.toHaveAttribute('data-phase', 'running', { timeout: timeoutMs })
  await expect(status, (await status.textContent()) ?? '').toHaveAttribute('data-phase', 'done')
  await expect(page.getByRole('progressbar', { name: 'Model lab progress' })).toHaveAttribute('value', '1')
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export JSON' }).click()
  return JSON.parse(readFileSync(await (await download).path(), 'utf8')) as LabReport
}

/**
 * "provider metric: got vs want" for every lab number more than `tolerance` from the reference: the model's
 * metrics, and the references models:eval reports (plug-in, classical, hold-out kinds, policy values).
 */
export function metricsOff(report: LabReport, reference: LabReference, tolerance: number): string[] {
  const expected = [
    ...labNumbers(reference.model),
    ...referenceNumbers(reference.report.references, reference.report.classical.heads),
  ]
  expect(expected.length).toBeGreaterThan(600)
  const classical = 'heads' in report.classical ? report.classical.heads : []
  return report.backends.flatMap((run) => {
    const got = new Map([
      ...labNumbers(run.metrics as ModelEvalResult),
      ...referenceNumbers(run.references as EvalReferences, classical),
    ])
    return expected
      .filter(([name, want]) => {
        const have = got.get(name)
        if (want === null || have === null || have === undefined) return want !== have
        return Math.abs(have - want) > tolerance
      })
      .map(([name, want]) => `${run.provider} ${name}: ${got.get(name)} vs ${want}`)
  })
}
