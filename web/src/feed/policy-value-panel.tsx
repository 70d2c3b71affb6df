// The weight controls' feed-level policy value (issue 14): the expected value under the world's truth of
// the feed the trained ranker serves to held-out viewers, ranked with the current weights vs the defaults.
// Measured on demand (the world is regenerated in a worker: seconds), then recomputed on every slider move.
import './policy-value.css'
import { useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { PolicyValue } from '../../../shared/eval/policy-value.ts'
import { params } from './for-you-store'
import {
  measured,
  measureError,
  measurePolicySlice,
  measureState,
  measureStep,
  policyValue,
  revalue,
} from './policy-measure'

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—')

/** The column head carries the full-precision parts (the e2e spec reads them). */
function Head({ id, label, v }: { id: string; label: string; v: PolicyValue }) {
  return (
    <th
      scope="col"
      data-ranking={id}
      data-value={v.value}
      data-positive={v.positive}
      data-negative={v.negative}
    >
      {label}
    </th>
  )
}

const ROWS: [string, (v: PolicyValue) => number][] = [
  ['value', (v) => v.value],
  ['positive part', (v) => v.positive],
  ['negative part', (v) => v.negative],
  ['value per post', (v) => v.value / v.served],
]

export function PolicyValuePanel() {
  const sessions = useSignal(40)
  const p = params.value
  const slice = measured.value
  useEffect(() => {
    if (slice !== null) void revalue(p)
  }, [p, slice])
  const v = policyValue.value
  const busy = measureState.value === 'measuring'
  return (
    <section class="policy-value" aria-labelledby="policy-value-title" data-testid="policy-value">
      <h3 id="policy-value-title">Feed value under the world's truth</h3>
      <p class="muted">
        The trained ranker's feed for held-out viewers, ranked with these weights; each served post is valued
        by its true probabilities with the default (upstream) weights.
      </p>
      <div class="policy-measure">
        <label for="policy-sessions">First eval sessions</label>
        <input
          id="policy-sessions"
          type="number"
          min={1}
          max={400}
          value={sessions.value}
          onInput={(e) => (sessions.value = Number(e.currentTarget.value))}
        />
        <button
          type="button"
          disabled={busy || !(sessions.value >= 1 && sessions.value <= 400)}
          onClick={() => void measurePolicySlice(sessions.value)}
        >
          Measure on their held-out viewers
        </button>
      </div>
      <p class="muted" role="status">
        {busy && <progress class="inline-progress" aria-label="measuring the policy value" />}
        {measureState.value === 'failed' ? `failed: ${measureError.value}` : measureStep.value}
      </p>
      {slice !== null && v !== null && (
        <table class="policy-table">
          <caption>
            Per-session means over {slice.policy.sessions.length} held-out viewers' sessions (of the first{' '}
            {slice.evalSessions}), {v.current.served.toFixed(1)} posts served on average; ranker on WASM.
          </caption>
          <thead>
            <tr>
              <td />
              <Head id="current" label="these weights" v={v.current} />
              <Head id="defaults" label="default weights" v={v.defaults} />
              <th scope="col">change</th>
            </tr>
          </thead>
          <tbody>
            {ROWS.map(([label, f]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{f3(f(v.current))}</td>
                <td>{f3(f(v.defaults))}</td>
                <td>{f3(f(v.current) - f(v.defaults))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
