// Regenerates the held-out eval set (shared/eval/eval-set.ts) off the page's thread: the world takes seconds
// of CPU, and the page keeps its progress bar and Cancel button responsive meanwhile. Cancel terminates
// this worker.
import * as Comlink from 'comlink'
import type { EvalData } from '../../../shared/eval/eval-data.ts'
import { type EvalSetOptions, type EvalSetStep, regenerateEvalSet } from '../../../shared/eval/eval-set.ts'

export type EvalSetRequest = Omit<EvalSetOptions, 'onProgress'>

const api = {
  build(
    request: EvalSetRequest,
    onProgress: (step: EvalSetStep, done: number, total: number) => void,
  ): EvalData {
    return regenerateEvalSet({ ...request, onProgress })
  },
}
export type EvalSetWorkerApi = typeof api

Comlink.expose(api)
