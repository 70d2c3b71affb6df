// The page: the app shell (web/src/app: For you, Following, Model lab, Inspectors) rendered with Preact, and
// the system status area: whether the edge answers, what WebGPU adapter exists, which ORT provider the
// worker pool picked, and whether the smoke model matches its reference on each provider.
import './style.css'
import { h, render } from 'preact'
import { App } from './app/app'
import { probeEdge } from './health/edge-health'
import { setRow } from './health/panel'
import { watchSeeding } from './health/seed-status'
import { detectCapabilities, pickProviders } from './pool/backend'
import { createOrtPool } from './pool/pool'
import type { Capabilities, Provider } from './pool/types'
import { runSmoke, runSmokeOn, smokePassed } from './smoke/smoke-check'
import { SMOKE_MODEL } from './smoke/smoke-model'
import { smokeInputs } from './smoke/smoke-weights'
import type { SmokeOutcome } from './test-hooks-types'

const SMOKE_INPUT = Array.from(smokeInputs(3))
const fmtMs = (ms: number): string => `${Math.round(ms)} ms`

async function checkEdge(): Promise<void> {
  const probe = await probeEdge()
  if (probe.reachable) {
    const h = probe.health
    setRow('edge-status', 'ok', `ok — ${h.service} ${h.version} (${h.environment})`, { version: h.version })
  } else {
    setRow('edge-status', 'unreachable', `unreachable (${probe.reason})`)
  }
}

function showGpu(caps: Capabilities): void {
  const a = caps.adapter
  if (!a) {
    setRow('gpu-status', 'unavailable', 'unavailable — ORT will use wasm')
    return
  }
  const kind = a.isFallbackAdapter ? 'fallback (software)' : 'hardware'
  setRow('gpu-status', 'ok', `${a.vendor || '?'} / ${a.architecture || '?'} — ${kind}`, {
    vendor: a.vendor,
    architecture: a.architecture,
    fallback: String(a.isFallbackAdapter),
  })
}

function showSmoke(id: string, o: SmokeOutcome): void {
  if (!o.load.ok || o.error !== null) {
    setRow(id, 'fail', o.error ?? 'load failed')
    return
  }
  const pass = smokePassed(o)
  const text = `${pass ? 'matches' : 'MISMATCH'} reference (max |Δ| ${o.maxDiff?.toExponential(1)}) on ${o.load.provider}, load ${fmtMs(o.load.loadMs)}`
  setRow(id, pass ? 'ok' : 'fail', text, { provider: o.load.provider, maxDiff: String(o.maxDiff) })
}

async function checkOrt(caps: Capabilities): Promise<void> {
  // The long-lived pool the app will rank with; kept alive for the page's lifetime.
  const pool = createOrtPool()
  const providers = pickProviders(caps)
  const loaded = await pool.load(SMOKE_MODEL, providers)
  if (!loaded.ok) {
    setRow('backend-status', 'fail', `${loaded.code}: ${loaded.message}`)
  } else {
    const outcome = await runSmokeOn(pool, loaded.results[0]!, SMOKE_INPUT)
    const check = smokePassed(outcome) ? 'smoke ok' : `smoke FAILED (${outcome.error ?? outcome.maxDiff})`
    setRow(
      'backend-status',
      smokePassed(outcome) ? 'ok' : 'fail',
      `${loaded.provider} — ${pool.size} worker(s), tried [${providers.join(', ')}], load ${fmtMs(loaded.loadMs)}, ${check}`,
      { provider: loaded.provider, workers: String(pool.size) },
    )
  }
  // One provider at a time: SwiftShader WebGPU and wasm compile compete for the same few cores.
  for (const p of ['webgpu', 'wasm'] satisfies Provider[]) {
    const id = `ep-${p}`
    if (p === 'webgpu' && !caps.webgpu) setRow(id, 'skipped', 'skipped — no WebGPU adapter')
    else showSmoke(id, await runSmoke([p], SMOKE_INPUT))
  }
}

async function main(): Promise<void> {
  const app = document.getElementById('app')
  const shell = document.getElementById('shell')
  if (shell) render(h(App, {}), shell)
  const isolated = globalThis.crossOriginIsolated === true
  const coiText = isolated ? 'yes — multi-threaded wasm possible' : 'no — wasm runs single-threaded'
  setRow('coi-status', isolated ? 'ok' : 'no', coiText, { isolated: String(isolated) })
  const edge = checkEdge()
  // Not awaited: it polls for as long as npm start seeds in the background.
  void watchSeeding()
  try {
    const caps = await detectCapabilities()
    // Test hooks exist only in dev and test-mode builds; a production build drops this branch and the chunk.
    if (import.meta.env.DEV || import.meta.env.MODE === 'test') {
      const { installTestHooks } = await import('./test-hooks')
      installTestHooks(caps)
    }
    showGpu(caps)
    await checkOrt(caps)
  } catch (e) {
    app?.setAttribute('data-error', e instanceof Error ? e.message : String(e))
  }
  await edge
  app?.setAttribute('data-ready', 'true')
}

void main()
