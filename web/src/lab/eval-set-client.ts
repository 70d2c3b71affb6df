// Runs the eval-set worker once and gives back its EvalData; the AbortSignal terminates it mid-build.
import * as Comlink from 'comlink'
import type { EvalData } from '../../../shared/eval/eval-data.ts'
import type { EvalSetStep } from '../../../shared/eval/eval-set.ts'
import type { EvalSetRequest, EvalSetWorkerApi } from './eval-set.worker'

export async function buildEvalSet(
  request: EvalSetRequest,
  onProgress: (step: EvalSetStep, done: number, total: number) => void,
  signal: AbortSignal,
): Promise<EvalData> {
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
