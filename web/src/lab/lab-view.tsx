// The model lab: regenerate the held-out eval set from the world's seed, score it in the browser's worker
// pool on WebGPU and/or WASM, and compare per-head metrics (also by hold-out kind), calibration, ROC,
// retrieval, feed-level policy values and latency with every reference `npm run models:eval -- --regenerate`
// reports (plug-in ceiling, oracle, classical baseline, popularity), computed by the same shared/eval code.
import './lab.css'
import { useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import { detectCapabilities } from '../pool/backend'
import type { Capabilities, Provider } from '../pool/types'
import { LatencyHistogram, ReliabilityChart, RocChart } from './charts/lab-charts'
import { adapterText, exportReport, NumberField } from './lab-controls'
import { HoldoutTable, PolicyTable } from './lab-reference-tables'
import { cancelLab, labError, labPhase, labProgress, labReport, labStep, runLab } from './lab-run'
import { HeadTable, LatencyTable, RetrievalTable } from './lab-tables'

export function LabView() {
  const caps = useSignal<Capabilities | null>(null)
  const sessions = useSignal(40)
  const corpus = useSignal(1000)
  const users = useSignal(16)
  const providers = useSignal<Record<Provider, boolean>>({ webgpu: true, wasm: true })
  const head = useSignal('favorite')
  useEffect(() => {
    void detectCapabilities().then((c) => {
      caps.value = c
      if (!c.webgpu) providers.value = { webgpu: false, wasm: true }
    })
  }, [])
  const running = labPhase.value === 'running'
  const chosen = (['webgpu', 'wasm'] as const).filter((p) => providers.value[p])
  const valid = chosen.length > 0 && sessions.value >= 1 && corpus.value >= 100 && users.value >= 1
  const report = labReport.value
  const runs = report?.backends ?? []
  const curves = runs.flatMap((r) => {
    const c = r.metrics.curves.find((x) => x.head === head.value)
    return c ? [{ provider: r.provider, c }] : []
  })
  const start = () =>
    void runLab({
      sessions: sessions.value,
      corpus: corpus.value,
      retrievalUsers: users.value,
      providers: chosen,
    })
  return (
    <section class="lab" aria-labelledby="lab-title">
      <h2 id="lab-title">Model lab</h2>
      <p>
        Regenerates the held-out evaluation set from the world's seed in this browser, scores it with the
        shipped Phoenix models in the worker pool, and sets the model beside the world's true probabilities
        (oracle), the plug-in ceiling, a classical baseline and a popularity baseline, by hold-out kind too,
        and values whole feeds served from the held-out viewers' candidates. The same slice through{' '}
        <code>npm run models:eval -- --regenerate --sessions N --corpus M --retrieval-users U</code> gives the
        same numbers (within 10⁻³).
      </p>
      <p class="lab-device" data-testid="lab-device">
        Device: {adapterText(caps.value)}
      </p>
      <form
        class="lab-form"
        onSubmit={(e) => {
          e.preventDefault()
          if (valid && !running) start()
        }}
      >
        <NumberField
          id="lab-sessions"
          label="Eval sessions (first N)"
          value={sessions.value}
          min={1}
          max={5000}
          onInput={(n) => (sessions.value = n)}
        />
        <NumberField
          id="lab-corpus"
          label="Retrieval corpus (posts)"
          value={corpus.value}
          min={100}
          max={20000}
          onInput={(n) => (corpus.value = n)}
        />
        <NumberField
          id="lab-users"
          label="Retrieval viewers (at most)"
          value={users.value}
          min={1}
          max={500}
          onInput={(n) => (users.value = n)}
        />
        <fieldset>
          <legend>Backends</legend>
          {(['webgpu', 'wasm'] as const).map((p) => (
            <label key={p}>
              <input
                type="checkbox"
                checked={providers.value[p]}
                disabled={p === 'webgpu' && caps.value?.webgpu === false}
                onChange={(e) =>
                  (providers.value = { ...providers.value, [p]: (e.target as HTMLInputElement).checked })
                }
              />
              {p === 'webgpu' ? 'WebGPU' : 'WASM'}
            </label>
          ))}
        </fieldset>
        <div class="lab-actions">
          <button type="submit" disabled={running || !valid}>
            Run evaluation
          </button>
          <button type="button" onClick={cancelLab} disabled={!running}>
            Cancel
          </button>
          <button type="button" onClick={exportReport} disabled={!report}>
            Export JSON
          </button>
        </div>
      </form>
      <div class="lab-status" data-testid="lab-status" data-phase={labPhase.value}>
        <progress max={1} value={labProgress.value} aria-label="Model lab progress" />
        <span role="status" aria-live="polite">
          {labPhase.value === 'failed' ? `failed: ${labError.value}` : labStep.value}
        </span>
      </div>
      {report && (
        <div class="lab-results">
          <p data-testid="lab-summary">
            {report.evalSet.source}: {runs[0]?.metrics.candidates ?? 0} candidates; eval set built in{' '}
            {report.evalSet.buildSeconds.toFixed(1)} s; whole run {report.seconds.toFixed(1)} s.
          </p>
          {'error' in report.classical && (
            <p class="lab-note" data-testid="lab-classical-error">
              No classical column: {report.classical.error}.
            </p>
          )}
          <HeadTable runs={runs} classical={report.classical} />
          <h3>Feed-level policy values</h3>
          <PolicyTable runs={runs} />
          <h3>Calibration and ROC</h3>
          <label for="lab-head">
            Head{' '}
            <select
              id="lab-head"
              value={head.value}
              onChange={(e) => (head.value = (e.target as HTMLSelectElement).value)}
            >
              {(runs[0]?.metrics.curves ?? []).map((c) => (
                <option key={c.head} value={c.head}>
                  {c.head}
                </option>
              ))}
            </select>
          </label>
          {curves.length > 0 && (
            <div class="lab-charts">
              <figure>
                <RocChart head={head.value} curves={curves} />
                <figcaption>ROC curves of {head.value}: model per backend, oracle, popularity.</figcaption>
              </figure>
              <figure>
                <ReliabilityChart head={head.value} curves={curves} />
                <figcaption>
                  Reliability of {head.value}: observed rate per bin of predicted probability.
                </figcaption>
              </figure>
            </div>
          )}
          <h3>Retrieval</h3>
          <RetrievalTable runs={runs} />
          <details class="lab-holdout">
            <summary>
              <h3>By hold-out kind</h3> (every head × 4 kinds: model, plug-in, oracle, classical, popularity)
            </summary>
            <HoldoutTable runs={runs} />
          </details>
          <h3>Latency and throughput</h3>
          <LatencyTable runs={runs} />
          <figure>
            <LatencyHistogram runs={runs} />
            <figcaption>Ranker latency per session on each backend.</figcaption>
          </figure>
        </div>
      )}
    </section>
  )
}
