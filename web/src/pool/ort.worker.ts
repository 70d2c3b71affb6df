// Dedicated module worker that owns ORT sessions. Exposes OrtWorkerApi over comlink; failures
// cross the boundary as { ok: false, code } values because Error subclasses do not survive cloning.
import * as Comlink from 'comlink'
import * as ort from 'onnxruntime-web'
import { getModelBytes, ModelMissingError } from './model-cache'
import { configureOrt } from './ort-env'
import type { Feeds, LoadResult, ModelRef, OrtWorkerApi, Provider, RunResult, TensorData } from './types'

interface SessionEntry {
  session: ort.InferenceSession
  provider: Provider
  // Tail of the run queue: ORT-web rejects concurrent run() calls on one session.
  tail: Promise<unknown>
}

const sessions = new Map<string, SessionEntry>()
const loading = new Map<string, Promise<LoadResult>>()
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** Loads once per name: repeated or concurrent calls share the first session (or its failure). */
function load(ref: ModelRef, providers: Provider[]): Promise<LoadResult> {
  const existing = sessions.get(ref.name)
  if (existing) {
    return Promise.resolve({ ok: true, provider: existing.provider, loadMs: 0, bytesFrom: 'session' })
  }
  let pending = loading.get(ref.name)
  if (!pending) {
    pending = createSession(ref, providers).finally(() => loading.delete(ref.name))
    loading.set(ref.name, pending)
  }
  return pending
}

async function createSession(ref: ModelRef, providers: Provider[]): Promise<LoadResult> {
  const started = performance.now()
  let model: Awaited<ReturnType<typeof getModelBytes>>
  try {
    model = await getModelBytes(ref)
  } catch (e) {
    const code = e instanceof ModelMissingError ? 'model-missing' : 'backend-failed'
    return { ok: false, code, message: message(e) }
  }
  const failures: string[] = []
  for (const provider of providers) {
    try {
      const session = await ort.InferenceSession.create(model.bytes, { executionProviders: [provider] })
      sessions.set(ref.name, { session, provider, tail: Promise.resolve() })
      return { ok: true, provider, loadMs: performance.now() - started, bytesFrom: model.from }
    } catch (e) {
      // Fall through to the next provider (WebGPU without an adapter fails here).
      failures.push(`${provider}: ${message(e)}`)
    }
  }
  return { ok: false, code: 'backend-failed', message: failures.join('; ') || 'no providers given' }
}

async function runNow(entry: SessionEntry, feeds: Feeds): Promise<RunResult> {
  const started = performance.now()
  const inputs: Record<string, ort.Tensor> = {}
  for (const [name, t] of Object.entries(feeds)) inputs[name] = new ort.Tensor('float32', t.data, t.dims)
  const results = await entry.session.run(inputs)
  const outputs: Record<string, TensorData> = {}
  for (const [name, tensor] of Object.entries(results)) {
    const data = await tensor.getData()
    if (!(data instanceof Float32Array)) throw new Error(`output ${name} is ${tensor.type}, expected float32`)
    // Copy so the transferred buffer holds exactly this tensor (never a shared or wasm-backed view).
    outputs[name] = { data: data.slice(), dims: [...tensor.dims] }
    tensor.dispose()
  }
  return { ok: true, outputs, runMs: performance.now() - started }
}

function run(name: string, feeds: Feeds): Promise<RunResult> {
  const entry = sessions.get(name)
  if (!entry) return Promise.resolve({ ok: false, code: 'not-loaded', message: `model ${name} not loaded` })
  const result = entry.tail.then(() => runNow(entry, feeds))
  entry.tail = result.catch(() => undefined)
  return result.then(
    (r) => {
      if (!r.ok) return r
      return Comlink.transfer(
        r,
        Object.values(r.outputs).map((t) => t.data.buffer),
      )
    },
    (e: unknown): RunResult => ({ ok: false, code: 'run-failed', message: message(e) }),
  )
}

const api: OrtWorkerApi = { load, run }
// After bundling, ORT starts its wasm threads from this same script (named em-pthread*); those
// threads belong to ORT and must not answer comlink messages.
if (!self.name.startsWith('em-pthread')) {
  configureOrt()
  Comlink.expose(api)
}
