import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { learningCurveMarkdown } from './learning-curve.ts'

function dirWith(manifest: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'curve-'))
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest))
  return dir
}

describe('learningCurveMarkdown', () => {
  it('tabulates each evaluation point and marks the kept checkpoint', () => {
    const md = learningCurveMarkdown(
      dirWith({
        training: {
          profile: 'quick',
          ranker: {
            steps: 300,
            train_seconds: 120.4,
            stop_reason: 'early stopping (validation loss)',
            best_step: 100,
            learning_curve: [
              { step: 100, train_loss: 3.1, val_loss: 2.95, elapsed_s: 40 },
              { step: 200, train_loss: 2.9, val_loss: 2.96, elapsed_s: 80 },
            ],
          },
          two_tower: null,
        },
      }),
    )
    expect(md).toContain('profile quick')
    expect(md).toContain(
      '**Ranker**: 300 steps in 120 s, stopped by early stopping (validation loss); best checkpoint (kept) at step 100.',
    )
    expect(md).toContain('| 100 (best) | 3.1000 | 2.9500 | 40 |')
    expect(md).toContain('| 200 | 2.9000 | 2.9600 | 80 |')
    expect(md).not.toContain('Two-tower')
  })

  it('says so when a run recorded no validation curve, and is empty without a manifest', () => {
    const md = learningCurveMarkdown(
      dirWith({ training: { ranker: { steps: 1400, train_seconds: 641.6 }, two_tower: null } }),
    )
    expect(md).toContain('No validation curve was recorded')
    expect(learningCurveMarkdown(mkdtempSync(join(tmpdir(), 'none-')))).toBe('')
  })
})
