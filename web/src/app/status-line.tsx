// The status line: which backend ranks (WebGPU with its adapter, or WASM and why), the model versions
// (manifest.json), the edge's latency, and progress bars while the models download and the pool warms up.
import { signal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import { engineState } from './engine'
import { modelLoad } from './load-progress'
import { edgeLatency } from './session'

const MODEL_FILES = ['ranker_history.onnx', 'ranker_candidates.onnx', 'user_tower.onnx']
const models = signal<string>('checking…')

async function readManifest(): Promise<void> {
  try {
    const res = await fetch(`${import.meta.env.BASE_URL}models/manifest.json`)
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    const m = (await res.json()) as {
      world?: { generatorVersion?: string }
      artifacts?: Record<string, { sha256?: string }>
    }
    const ids = MODEL_FILES.map(
      (f) => `${f.replace('.onnx', '')} ${m.artifacts?.[f]?.sha256?.slice(0, 8) ?? '?'}`,
    )
    models.value = `${ids.join(', ')}${m.world?.generatorVersion ? ` · world ${m.world.generatorVersion}` : ''}`
  } catch (e) {
    models.value = `manifest unavailable (${e instanceof Error ? e.message : String(e)})`
  }
}

function Backend() {
  const s = engineState.value
  const e = s.engine
  if (s.phase === 'error') return <span>model load failed: {s.error}</span>
  if (!e) return <span>{s.step}</span>
  const b = e.backend
  const adapter = s.caps?.adapter
  const gpu = adapter
    ? `${adapter.vendor || 'unknown vendor'} ${adapter.architecture || ''}${adapter.isFallbackAdapter ? ' (software)' : ''}`.trim()
    : 'no adapter'
  const text =
    b.provider === 'webgpu'
      ? `WebGPU — ${gpu}`
      : `WASM — ${b.fallbackReason ?? 'WebGPU not used'}${globalThis.crossOriginIsolated ? ', threads on' : ', single-threaded (not cross-origin isolated)'}`
  return (
    <span
      id="feed-engine"
      data-engine={e.name}
      data-provider={b.provider}
      data-fallback-reason={b.fallbackReason ?? ''}
    >
      {text} · loaded in {Math.round(b.loadMs)} ms
    </span>
  )
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1)

/** Download bytes, then sessions created per worker; shown from the first load on (full when done). */
function LoadProgressBars() {
  const p = modelLoad.value
  if (p.phase === 'idle') return null
  const { bytes, sessions } = p
  const source = p.fromCache > 0 ? ` (${p.fromCache} from this browser's cache)` : ''
  return (
    // Not announced on every chunk: the text beside each bar says where it stands.
    <span class="status-item load-progress" data-state={p.phase} aria-live="off">
      <label for="model-download" class="status-key">
        Download
      </label>
      <progress id="model-download" max={Math.max(bytes.total, 1)} value={bytes.received} />
      <span id="model-download-text">
        {mb(bytes.received)} of {mb(bytes.total)} MB{source}
      </span>
      <label for="pool-warmup" class="status-key">
        Worker pool
      </label>
      <progress id="pool-warmup" max={Math.max(sessions.total, 1)} value={sessions.created} />
      <span id="pool-warmup-text">
        {sessions.created} of {sessions.total} sessions{p.phase === 'failed' ? ' (failed)' : ''}
      </span>
    </span>
  )
}

export function StatusLine() {
  useEffect(() => void readManifest(), [])
  const latency = edgeLatency.value
  return (
    <div class="status-line" role="status" aria-label="Runtime status">
      <span class="status-item">
        <span class="status-key">Backend</span> <Backend />
      </span>
      <LoadProgressBars />
      <span class="status-item">
        <span class="status-key">Models</span> {models.value}
      </span>
      <span class="status-item">
        <span class="status-key">Edge</span>{' '}
        <span id="edge-latency" data-ms={latency?.ms}>
          {latency ? `${Math.round(latency.ms)} ms (${latency.path})` : 'no request yet'}
        </span>
      </span>
    </div>
  )
}
