// The whole eval on the committed slice (models/artifacts/eval-slice*, written by `models:eval
// --write-slice`), so `npm test` exercises featurization, onnxruntime scoring, the reference cross-check,
// the metrics, retrieval and the report without models/data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DISCRETE_ACTIONS } from '../../shared/phoenix/actions.ts'
import { ARTIFACTS_DIR, shippedModelSet } from './artifacts.ts'
import { readSlice } from './eval-data.ts'
import { configureOrtForNode, OrtPhoenix } from './ort-phoenix.ts'
import { metricsJson, reportMarkdown } from './report.ts'
import { RECALL_K } from './retrieval-task.ts'
import { type EvalReport, runEval } from './run-eval.ts'

describe('models:eval on the committed slice', { timeout: 30_000 }, () => {
  const set = shippedModelSet()
  const data = readSlice(ARTIFACTS_DIR)
  let ort: OrtPhoenix
  let report: EvalReport

  beforeAll(async () => {
    configureOrtForNode()
    ort = await OrtPhoenix.load(set)
    report = await runEval(data, { set, ort, crossCheckSessions: 3 })
  }, 120_000)
  afterAll(async () => ort?.release())

  it('reads a slice with truth for every candidate and a retrieval task', () => {
    expect(data.sessions.length).toBeGreaterThanOrEqual(100)
    expect(data.sessions.every((s) => s.truth.length === s.candidates.length)).toBe(true)
    expect(data.retrieval.users.length).toBeGreaterThan(0)
    for (const u of data.retrieval.users)
      expect(u.oracleTop).toHaveLength(Math.min(RECALL_K, data.retrieval.corpus.length - u.excluded.length))
  })

  it('scores (ranker and towers) with onnxruntime in agreement with the TypeScript reference (≤ 1e-4)', () => {
    expect(report.referenceCrossCheck.sessions).toBe(3)
    expect(report.referenceCrossCheck.maxAbsDiff).toBeLessThanOrEqual(1e-4)
    expect(report.referenceCrossCheck.towers.users).toBeGreaterThan(0)
    expect(report.referenceCrossCheck.towers.maxAbsDiff).toBeLessThanOrEqual(1e-4)
  })

  it('reports every head, with an informative oracle (labels and truth line up)', () => {
    expect(report.ranker.heads.map((h) => h.head)).toEqual([...DISCRETE_ACTIONS])
    const fav = report.ranker.heads.find((h) => h.head === 'favorite')!
    expect(fav.positives).toBeGreaterThan(50)
    expect(fav.auc.oracle).toBeGreaterThan(0.65)
    expect(fav.calibration.oracle).toBeGreaterThan(0.8)
    expect(fav.calibration.oracle).toBeLessThan(1.25)
    for (const h of report.ranker.heads) {
      for (const v of [h.auc.model, h.auc.oracle, h.auc.popularity])
        if (!Number.isNaN(v)) expect(v).toBeGreaterThanOrEqual(0)
      expect(h.verdict === 'n/a').toBe(Number.isNaN(h.auc.model))
    }
    expect(report.ranker.pass + report.ranker.miss + report.ranker.notApplicable).toBe(
      DISCRETE_ACTIONS.length,
    )
  })

  it('the trained ranker beats popularity on favorite (the random-init dev set is not held to it)', () => {
    const fav = report.ranker.heads.find((h) => h.head === 'favorite')!
    if (set.kind === 'trained') expect(fav.auc.model).toBeGreaterThan(fav.auc.popularity)
    else expect(fav.auc.model).toBeLessThan(0.6)
  })

  it('computes retrieval recall@100 for the model, the oracle and popularity', () => {
    const r = report.retrieval
    expect(r.users).toBe(data.retrieval.users.length)
    for (const v of [
      r.overlap.model,
      r.overlap.popularity,
      r.positives.model,
      r.positives.oracle,
      r.positives.popularity,
    ]) {
      expect(v).toBeGreaterThanOrEqual(0)
      expect(v).toBeLessThanOrEqual(1)
    }
    expect(r.overlap.random).toBeCloseTo(RECALL_K / r.corpus, 9)
  })

  it('writes metrics.json without NaN and a REPORT.md table with every head', () => {
    const json = metricsJson(report)
    expect(json).not.toMatch(/NaN/)
    expect(JSON.parse(json).ranker.heads).toHaveLength(DISCRETE_ACTIONS.length)
    const md = reportMarkdown(report)
    for (const head of DISCRETE_ACTIONS) expect(md).toContain(`| ${head} |`)
    expect(md).toContain('overlap@100')
  })
})
