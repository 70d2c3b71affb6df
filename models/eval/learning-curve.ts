// The training run's learning curve, from the model set's manifest.json (models/train/train.py writes it):
// train and validation loss at every evaluation point, how each phase stopped, and its best checkpoint.
// REPORT.md carries it so the closing note can show how far each model got and why it stopped.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

const CurvePoint = z.object({
  step: z.number(),
  train_loss: z.number().nullable(),
  val_loss: z.number().nullable(),
  elapsed_s: z.number(),
})

const Phase = z.object({
  steps: z.number(),
  train_seconds: z.number(),
  stop_reason: z.string().optional(),
  best_step: z.number().nullable().optional(),
  learning_curve: z.array(CurvePoint).optional(),
})

const Manifest = z.object({
  training: z.object({
    profile: z.string().nullable().optional(),
    ranker: Phase,
    two_tower: Phase.nullable(),
  }),
})

const f4 = (x: number | null) => (x === null ? '—' : x.toFixed(4))

function phaseSection(name: string, p: z.infer<typeof Phase>): string {
  const curve = p.learning_curve ?? []
  const head = `**${name}**: ${p.steps} steps in ${p.train_seconds.toFixed(0)} s, stopped by ${p.stop_reason ?? 'its step count'}${p.best_step != null ? `; best checkpoint (kept) at step ${p.best_step}` : ''}.`
  if (curve.length === 0)
    return `${head} No validation curve was recorded (a run from before early stopping).\n`
  const rows = curve.map(
    (c) =>
      `| ${c.step}${c.step === p.best_step ? ' (best)' : ''} | ${f4(c.train_loss)} | ${f4(c.val_loss)} | ${c.elapsed_s.toFixed(0)} |`,
  )
  return `${head}\n\n| step | train loss | validation loss | elapsed s |\n|---:|---:|---:|---:|\n${rows.join('\n')}\n`
}

/** Markdown for the learning curves in `<modelDir>/manifest.json`; empty when there is no manifest. */
export function learningCurveMarkdown(modelDir: string): string {
  const path = join(modelDir, 'manifest.json')
  if (!existsSync(path)) return ''
  const m = Manifest.parse(JSON.parse(readFileSync(path, 'utf8'))).training
  const tt = m.two_tower === null ? '' : `\n${phaseSection('Two-tower', m.two_tower)}`
  return `\n## Training: learning curve (profile ${m.profile ?? 'default'})\n\nTrain loss: mean over the steps since the previous evaluation point; validation loss: the held-out 2 % of the training sessions.\n\n${phaseSection('Ranker', m.ranker)}${tt}`
}
