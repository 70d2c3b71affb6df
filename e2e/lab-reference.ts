// The model lab's reference, computed in Node with the same shared code as `npm run models:eval --
// --regenerate`: the eval set regenerated from the committed world, the shipped models on onnxruntime-web
// (wasm) in Node, and shared/eval's metrics.

import { ARTIFACTS_DIR, shippedModelSet } from '../models/eval/artifacts.ts'
import { readSliceWorld } from '../models/eval/eval-files.ts'
import { configureOrtForNode, OrtPhoenix } from '../models/eval/ort-phoenix.ts'
import { regenerateEvalSet } from '../shared/eval/eval-set.ts'
import { evaluateModel, type ModelEvalResult } from '../shared/eval/evaluate-model.ts'

export interface LabSlice {
  sessions: number
  corpus: number
  retrievalUsers: number
}

export async function labReference(slice: LabSlice): Promise<ModelEvalResult> {
  const data = regenerateEvalSet({ world: readSliceWorld(ARTIFACTS_DIR), ...slice })
  configureOrtForNode()
  const ort = await OrtPhoenix.load(shippedModelSet())
  try {
    return await evaluateModel(ort, data)
  } finally {
    await ort.release()
  }
}

/** Every metric the lab shows, as [name, value] pairs (NaN as null, as the export writes it). */
export function labNumbers(m: ModelEvalResult): [string, number | null][] {
  const v = (x: number) => (Number.isFinite(x) ? x : null)
  const out: [string, number | null][] = [
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
