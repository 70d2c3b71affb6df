// Dedicated module worker that owns ORT sessions. Exposes OrtWorkerApi over comlink; failures
// cross the boundary as { ok: false, code } values because Error subclasses do not survive cloning.
import * as Comlink from 'comlink'
import * as ort from 'onnxruntime-web'
import { PHOENIX_ORT_EXTRA } from '../../../shared/phoenix/ort-session-options.ts'
import { getModelBytes, ModelMissingError } from './model-cache'
import { configureOrt } from './ort-env'
import type {
  Feeds,
  LoadProgress,
  LoadResult,
  ModelRef,
  OrtWorkerApi,
  Provider,
  RunCounts,
  RunResult,
  TensorData,
} from './types'

interface SessionEntry {
  session: ort.InferenceSession
  provider: Provider
}

const sessions = new Map<string, SessionEntry>()
const loading = new Map<string, Promise<LoadResult>>()
const runCounts: RunCounts = {}
// Tail of this worker's run queue: ORT-web rejects concurrent run() calls on one session, and the
// wasm/WebGPU backends share one instance per worker, so runs of different sessions queue up too.
let tail: Promise<unknown> = Promise.resolve()
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e))

type OnProgress = (p: LoadProgress) => void

/**
 * Loads once per name: repeated or concurrent calls share the first session (or its failure); only the
 * first call's `onProgress` hears the bytes. A comlink proxy from the page is released when the load ends.
 */
function load(ref: ModelRef, providers: Provider[], onProgress?: OnProgress): Promise<LoadResult> {
  const release = () => (onProgress as Partial<Comlink.ProxyMethods> | undefined)?.[Comlink.releaseProxy]?.()
  const existing = sessions.get(ref.name)
  if (existing) {
    void onProgress?.({ kind: 'session', model: ref.name, provider: existing.provider })
    release()
    return Promise.resolve({ ok: true, provider: existing.provider, loadMs: 0, bytesFrom: 'session' })
  }
  let pending = loading.get(ref.name)
  if (!pending) {
    pending = createSession(ref, providers, onProgress).finally(() => loading.delete(ref.name))
    loading.set(ref.name, pending)
  }
  return pending.finally(release)
}

async function createSession(
  ref: ModelRef,
  providers: Provider[],
  onProgress?: OnProgress,
): Promise<LoadResult> {
  const started = performance.now()
  let model: Awaited<ReturnType<typeof getModelBytes>>
  try {
    model = await getModelBytes(ref, (received, total, from) => {
      void onProgress?.({ kind: 'bytes', model: ref.name, received, total, from })
    })
  } catch (e) {
    const code = e instanceof ModelMissingError ? 'model-missing' : 'backend-failed'
    return { ok: false, code, message: message(e) }
  }
  const failures: string[] = []
  for (const provider of providers) {
    try {
      // The Phoenix graphs keep their tables as int8 + DequantizeLinear: the extra options let ORT fold them
      // to float once here instead of on every run (shared/phoenix/ort-session-options.ts).
      const session = await ort.InferenceSession.create(model.bytes, {
        executionProviders: [provider],
        extra: PHOENIX_ORT_EXTRA,
      })
      sessions.set(ref.name, { session, provider })
      void onProgress?.({ kind: 'session', model: ref.name, provider })
      const loaded: LoadResult = {
        ok: true,
        provider,
        loadMs: performance.now() - started,
        bytesFrom: model.from,
      }
      // Report the fallback: which providers failed first, and with what error.
      if (failures.length > 0) loaded.fallbackReason = failures.join('; ')
      return loaded
    } catch (e) {
      // Fall through to the next provider (WebGPU without an adapter fails here).
      failures.push(`${provider}: ${message(e)}`)
    }
  }
  return { ok: false, code: 'backend-failed', message: failures.join('; ') || 'no providers given' }
}

function toOrt(t: TensorData): ort.Tensor {
  return t.type === 'int32'
    ? new ort.Tensor('int32', t.data, t.dims)
    : new ort.Tensor('float32', t.data, t.dims)
}

async function fromOrt(name: string, tensor: ort.Tensor): Promise<TensorData> {
  const data = await tensor.getData()
  const dims = [...tensor.dims]
  // Copy so the transferred buffer holds exactly this tensor (never a shared or wasm-backed view).
  if (data instanceof Float32Array) return { type: 'float32', data: data.slice(), dims }
  if (data instanceof Int32Array) return { type: 'int32', data: data.slice(), dims }
  throw new Error(`output ${name} is ${tensor.type}; the pool carries float32 and int32`)
}

async function runNow(name: string, entry: SessionEntry, feeds: Feeds): Promise<RunResult> {
  const started = performance.now()
  const inputs: Record<string, ort.Tensor> = {}
  for (const [input, t] of Object.entries(feeds)) inputs[input] = toOrt(t)
  const results = await entry.session.run(inputs)
  const outputs: Record<string, TensorData> = {}
  try {
    for (const [output, tensor] of Object.entries(results)) outputs[output] = await fromOrt(output, tensor)
  } finally {
    for (const tensor of Object.values(results)) tensor.dispose()
  }
  runCounts[name] = (runCounts[name] ?? 0) + 1
  return { ok: true, outputs, runMs: performance.now() - started }
}

function run(name: string, feeds: Feeds): Promise<RunResult> {
  const entry = sessions.get(name)
  if (!entry) return Promise.resolve({ ok: false, code: 'not-loaded', message: `model ${name} not loaded` })
  const result = tail.then(() => runNow(name, entry, feeds))
  tail = result.catch(() => undefined)
  return result.then(
    (r) => {
      if (!r.ok) return r
      return Comlink.transfer(
        r,
        Object.values(r.outputs).map((t) => t.data.buffer as ArrayBuffer),
      )
    },
    (e: unknown): RunResult => ({ ok: false, code: 'run-failed', message: message(e) }),
  )
}

const api: OrtWorkerApi = { load, run, runCounts: async () => ({ ...runCounts }) }
// After bundling, ORT starts its wasm threads from this same script (named em-pthread*); those
// threads belong to ORT and must not answer comlink messages.
if (!self.name.startsWith('em-pthread')) {
  configureOrt()
  Comlink.expose(api)
}
