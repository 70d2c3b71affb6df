// The model lab's reference, computed in Node with the code `npm run models:eval -- --regenerate` runs: the
// eval set regenerated from the committed world, the shipped models on onnxruntime-web (wasm) in Node,
// shared/eval's metrics (evaluateModel, as the lab calls it) and models:eval's whole run (runEval: plug-in
// ceiling, classical baseline from the committed coefficients, hold-out kinds, policy values).

import { ARTIFACTS_DIR, shippedModelSet } from '../models/eval/artifacts.ts'
import { readSliceWorld } from '../models/eval/eval-files.ts'
import { configureOrtForNode, OrtPhoenix } from '../models/eval/ort-phoenix.ts'
import { type EvalReport, runEval } from '../models/eval/run-eval.ts'
import type { EvalReferences } from '../shared/eval/eval-references.ts'
import { regenerateEvalSetAndWorld } from '../shared/eval/eval-set.ts'
import { evaluateModel, type ModelEvalResult } from '../shared/eval/evaluate-model.ts'
import type { SourceHeadRow } from '../shared/eval/source-metrics.ts'

export interface LabSlice {
  sessions: number
  corpus: number
  retrievalUsers: number
}

export interface LabReference {
  model: ModelEvalResult
  /** What `models:eval` reports on the same slice. */
  report: EvalReport
}

export async function labReference(slice: LabSlice): Promise<LabReference> {
  const { data, world } = regenerateEvalSetAndWorld({ world: readSliceWorld(ARTIFACTS_DIR), ...slice })
  configureOrtForNode()
  const set = shippedModelSet()
  const ort = await OrtPhoenix.load(set)
  try {
    const model = await evaluateModel(ort, data)
    const report = await runEval(data, { set, ort, crossCheckSessions: 1, world })
    return { model, report }
  } finally {
    await ort.release()
  }
}

type Numbers = [string, number | null][]
const v = (x: number) => (Number.isFinite(x) ? x : null)

/** Every metric the lab shows, as [name, value] pairs (NaN as null, as the export writes it). */
export function labNumbers(m: ModelEvalResult): Numbers {
  const out: Numbers = [
    ['candidates', m.candidates],
    ['dwell.maeModel', v(m.dwell.maeModel)],
    ['dwell.meanModel', v(m.dwell.meanModel)],
    ['retrieval.overlap.model', v(m.retrieval.overlap.model)],
    ['retrieval.overlap.popularity', v(m.retrieval.overlap.popularity)],
    ['retrieval.positives.model', v(m.retrieval.positives.model)],
    ['retrieval.positives.oracle', v(m.retrieval.positives.oracle)],
  ]
  for (const h of m.heads) {
    out.push(
      [`${h.head}.positives`, h.positives],
      [`${h.head}.auc.model`, v(h.auc.model)],
      [`${h.head}.auc.oracle`, v(h.auc.oracle)],
      [`${h.head}.auc.popularity`, v(h.auc.popularity)],
      [`${h.head}.ne.model`, v(h.ne.model)],
      [`${h.head}.ne.oracle`, v(h.ne.oracle)],
      [`${h.head}.ne.popularity`, v(h.ne.popularity)],
      [`${h.head}.calibration.model`, v(h.calibration.model)],
    )
  }
  return out
}

function sourceNumbers(name: string, rows: readonly SourceHeadRow[]): Numbers {
  return rows.flatMap(
    (r): Numbers => [
      [`${r.head}.auc.${name}`, v(r.auc)],
      [`${r.head}.ne.${name}`, v(r.ne)],
      [`${r.head}.calibration.${name}`, v(r.calibration)],
    ],
  )
}

/** The world-backed references the lab shows (plug-in and classical rows, hold-out kinds, policy values). */
export function referenceNumbers(r: EvalReferences, classical: readonly SourceHeadRow[]): Numbers {
  const out: Numbers = [...sourceNumbers('plug-in', r.plugIn), ...sourceNumbers('classical', classical)]
  for (const [kind, n] of Object.entries(r.holdout.candidates)) out.push([`holdout.${kind}.candidates`, n])
  for (const row of r.holdout.heads)
    for (const cell of row.kinds) {
      const at = `holdout.${row.head}.${cell.kind}`
      out.push([`${at}.positives`, cell.positives])
      for (const [source, auc] of Object.entries(cell.auc)) out.push([`${at}.auc.${source}`, v(auc)])
    }
  out.push(['policies.sessions', r.policies.sessions], ['policies.resultSize', r.policies.resultSize])
  for (const p of r.policies.values)
    out.push(
      [`policy.${p.policy}.served`, p.served],
      [`policy.${p.policy}.value`, v(p.value)],
      [`policy.${p.policy}.positive`, v(p.positive)],
      [`policy.${p.policy}.negative`, v(p.negative)],
    )
  return out
}
