// Runs the eval-set worker once and gives back the eval set with its reference inputs; the AbortSignal
// terminates it mid-build.
import * as Comlink from 'comlink'
import type { EvalSetRequest, EvalSetWorkerApi, LabEvalSet, LabEvalSetStep } from './eval-set.worker'

export async function buildEvalSet(
  request: EvalSetRequest,
  onProgress: (step: LabEvalSetStep, done: number, total: number) => void,
  signal: AbortSignal,
): Promise<LabEvalSet> {
  const worker = new Worker(new URL('./eval-set.worker.ts', import.meta.url), {
    type: 'module',
    name: 'fye-eval-set',
  })
  const api = Comlink.wrap<EvalSetWorkerApi>(worker)
  const aborted = new Promise<never>((_, reject) => {
    const stop = () => reject(signal.reason ?? new DOMException('cancelled', 'AbortError'))
    if (signal.aborted) stop()
    else signal.addEventListener('abort', stop, { once: true })
  })
  try {
    return await Promise.race([api.build(request, Comlink.proxy(onProgress)), aborted])
  } finally {
    api[Comlink.releaseProxy]()
    worker.terminate()
  }
}
