// Regenerates the held-out eval set (shared/eval/eval-set.ts) off the page's thread, and computes there what
// the eval's references read from the regenerated world (shared/eval/reference-inputs.ts: plug-in
// probabilities, held-out viewers, policy sessions; the classical baseline's probabilities): the world
// exists only in this worker, and takes seconds of CPU. The page keeps its progress bar and Cancel button
// responsive meanwhile; Cancel terminates this worker.
import * as Comlink from 'comlink'
import type { ClassicalBaseline } from '../../../shared/eval/classical-baseline.ts'
import type { EvalData } from '../../../shared/eval/eval-data.ts'
import {
  type EvalSetOptions,
  type EvalSetStep,
  regenerateEvalSetAndWorld,
} from '../../../shared/eval/eval-set.ts'
import {
  classicalInputs,
  type ReferenceInputs,
  referenceInputs,
} from '../../../shared/eval/reference-inputs.ts'

export interface EvalSetRequest extends Omit<EvalSetOptions, 'onProgress'> {
  /** The stored classical coefficients, or why the page could not load them. */
  classical: ClassicalBaseline | { error: string }
}
export type LabEvalSetStep = EvalSetStep | 'references'
export type ClassicalResult = ReturnType<typeof classicalInputs>

/** Everything the lab evaluates, structured-clone friendly. */
export interface LabEvalSet {
  data: EvalData
  references: ReferenceInputs
  classical: ClassicalResult
}

const api = {
  build(
    request: EvalSetRequest,
    onProgress: (step: LabEvalSetStep, done: number, total: number) => void,
  ): LabEvalSet {
    const { classical, ...options } = request
    const { data, world } = regenerateEvalSetAndWorld({ ...options, onProgress })
    onProgress('references', 0, 1)
    const references = referenceInputs(world, data)
    const probs = 'error' in classical ? classical : classicalInputs(classical, data, world)
    onProgress('references', 1, 1)
    const transfer = [references.plugIn.buffer, ...('probs' in probs ? [probs.probs.buffer] : [])]
    return Comlink.transfer({ data, references, classical: probs }, transfer)
  },
}
export type EvalSetWorkerApi = typeof api

Comlink.expose(api)
