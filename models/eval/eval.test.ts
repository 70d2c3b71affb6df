// The whole eval on the committed slice (models/artifacts/eval-slice*, written by `models:eval
// --write-slice`) and the committed trained models, so `npm test` exercises featurization, onnxruntime
// scoring, the reference cross-check, the metrics, retrieval and the report without models/data. Both are
// always in the repository, so every test asserts one fixed property.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HeadRow } from '../../shared/eval/ranker-eval.ts'
import { RECALL_K } from '../../shared/eval/retrieval-task.ts'
import { DISCRETE_ACTIONS } from '../../shared/phoenix/actions.ts'
import { ARTIFACTS_DIR, modelSetAt, shippedModelSet } from './artifacts.ts'
import { readSlice } from './eval-files.ts'
import { configureOrtForNode, OrtPhoenix } from './ort-phoenix.ts'
import { metricsJson, reportMarkdown } from './report.ts'
import { type EvalReport, runEval } from './run-eval.ts'

/** AUC is a probability, or NaN for a head without positives (or negatives) in the slice. */
const isAucOrNaN = (v: number) => Number.isNaN(v) || (v >= 0 && v <= 1)

describe('models:eval on the committed slice', { timeout: 30_000 }, () => {
  // Throws unless all five trained ONNX files are committed in models/artifacts.
  const set = modelSetAt(ARTIFACTS_DIR)
  const data = readSlice(ARTIFACTS_DIR)
  let ort: OrtPhoenix
  let report: EvalReport
  let favorite: HeadRow

  beforeAll(async () => {
    configureOrtForNode()
    ort = await OrtPhoenix.load(set)
    report = await runEval(data, { set, ort, crossCheckSessions: 3 })
    favorite = report.ranker.heads.find((h) => h.head === 'favorite')!
    // The slice eval also regenerates the world for the references (plug-in, classical, policies).
  }, 600_000)
  afterAll(async () => ort?.release())

  it('ships the trained models (not the random-init dev set)', () => {
    expect(shippedModelSet()).toEqual({ kind: 'trained', dir: ARTIFACTS_DIR })
  })

  it('reads at least 100 sessions with a truth row for every candidate', () => {
    expect(data.sessions.length).toBeGreaterThanOrEqual(100)
    expect(data.sessions.filter((s) => s.truth.length !== s.candidates.length)).toEqual([])
  })

  it('reads a retrieval task whose oracle lists top-100 for each user (fewer only when the corpus is short)', () => {
    expect(data.retrieval.users.length).toBeGreaterThan(0)
    for (const u of data.retrieval.users)
      expect(u.oracleTop).toHaveLength(Math.min(RECALL_K, data.retrieval.corpus.length - u.excluded.length))
  })

  it('scores the ranker with onnxruntime in agreement with the TypeScript reference (≤ 1e-4)', () => {
    expect(report.referenceCrossCheck.sessions).toBe(3)
    expect(report.referenceCrossCheck.maxAbsDiff).toBeLessThanOrEqual(1e-4)
  })

  it('scores the towers with onnxruntime in agreement with the TypeScript reference (≤ 1e-4)', () => {
    expect(report.referenceCrossCheck.towers.users).toBeGreaterThan(0)
    expect(report.referenceCrossCheck.towers.maxAbsDiff).toBeLessThanOrEqual(1e-4)
  })

  it('reports every discrete head, in vocabulary order', () => {
    expect(report.ranker.heads.map((h) => h.head)).toEqual([...DISCRETE_ACTIONS])
  })

  it('has an informative oracle on favorite (labels and truth line up)', () => {
    expect(favorite.positives).toBeGreaterThan(50)
    expect(favorite.auc.oracle).toBeGreaterThan(0.65)
    expect(favorite.calibration.oracle).toBeGreaterThan(0.8)
    expect(favorite.calibration.oracle).toBeLessThan(1.25)
  })

  it('gives every head model, oracle and popularity AUCs in [0, 1] or NaN (a head missing a class)', () => {
    const bad = report.ranker.heads.filter(
      (h) => ![h.auc.model, h.auc.oracle, h.auc.popularity].every(isAucOrNaN),
    )
    expect(bad.map((h) => h.head)).toEqual([])
  })

  it('gives a head the verdict n/a exactly when its model AUC is NaN, and counts every verdict once', () => {
    const wrong = report.ranker.heads.filter((h) => (h.verdict === 'n/a') !== Number.isNaN(h.auc.model))
    expect(wrong.map((h) => h.head)).toEqual([])
    const { pass, miss, notApplicable } = report.ranker
    expect(pass + miss + notApplicable).toBe(DISCRETE_ACTIONS.length)
  })

  it('reports the classical baseline for every head, fitted on train sessions, with AUCs in [0, 1] or NaN', () => {
    expect(report.classical.heads.map((h) => h.head)).toEqual([...DISCRETE_ACTIONS])
    expect(report.classical.trainSessions).toBeGreaterThan(0)
    expect(report.classical.heads.filter((h) => !isAucOrNaN(h.auc)).map((h) => h.head)).toEqual([])
    // In-network, author and word history already separate favorites from the rest.
    expect(report.classical.heads[0]!.auc).toBeGreaterThan(0.6)
    expect(reportMarkdown(report)).toContain('AUC classical')
  })

  it('the trained ranker beats popularity on favorite', () => {
    expect(favorite.auc.model).toBeGreaterThan(favorite.auc.popularity)
  })

  it('computes retrieval recall@100 in [0, 1] for the model, the oracle and popularity', () => {
    const r = report.retrieval
    expect(r.users).toBe(data.retrieval.users.length)
    const rates = [
      r.overlap.model,
      r.overlap.popularity,
      r.positives.model,
      r.positives.oracle,
      r.positives.popularity,
    ]
    expect(rates.filter((v) => !(v >= 0 && v <= 1))).toEqual([])
  })

  it('gives random retrieval the expected overlap K / corpus', () => {
    expect(report.retrieval.overlap.random).toBeCloseTo(RECALL_K / report.retrieval.corpus, 9)
  })

  it('writes metrics.json without NaN, with every head', () => {
    const json = metricsJson(report)
    expect(json).not.toMatch(/NaN/)
    expect(JSON.parse(json).ranker.heads).toHaveLength(DISCRETE_ACTIONS.length)
  })

  it('writes a REPORT.md table with a row for every head and the retrieval overlap', () => {
    const md = reportMarkdown(report)
    for (const head of DISCRETE_ACTIONS) expect(md).toContain(`| ${head} |`)
    expect(md).toContain('overlap@100')
  })
})
