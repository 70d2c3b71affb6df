// The Grox monitor: queue depths and outcomes per stream, outcomes per plan, task counts, sink writes,
// dead letters and the most recent labels, from GET /v1/admin/grox/stats (an admin route: the operator
// types the admin token, which `npm start` wrote into .dev.vars). Refreshes every 5 s while shown.
import './inspectors.css'
import '../lab/lab.css'
import { useEffect, useState } from 'preact/hooks'
import { Scroll } from '../lab/lab-tables'
import { GROX_POLL_MS } from './grox-poll'
import { adminToken, type GroxStats, groxState, refreshGrox, setAdminToken } from './grox-store'

function StreamTable({ stats }: { stats: GroxStats }) {
  const cols = [
    'queued',
    'inFlight',
    'enqueued',
    'succeeded',
    'skipped',
    'failed',
    'expired',
    'deadLettered',
    'redriven',
  ] as const
  return (
    <Scroll label="Grox streams">
      <table class="lab-table" data-testid="grox-streams">
        <caption>Streams: queue depth (queued, in flight) and task outcomes</caption>
        <thead>
          <tr>
            <th scope="col">stream</th>
            {cols.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Object.entries(stats.streams).map(([name, s]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              {cols.map((c) => (
                <td key={c}>{s[c]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  )
}

function PlanTable({ stats }: { stats: GroxStats }) {
  return (
    <Scroll label="Grox plans and tasks">
      <table class="lab-table" data-testid="grox-plans">
        <caption>Plans: succeeded, skipped, failed; and runs per task</caption>
        <thead>
          <tr>
            <th scope="col">plan</th>
            <th scope="col">succeeded</th>
            <th scope="col">skipped</th>
            <th scope="col">failed</th>
            <th scope="col">tasks</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(stats.plans).map(([plan, p]) => (
            <tr key={plan}>
              <th scope="row">{plan}</th>
              <td>{p.succeeded}</td>
              <td>{p.skipped}</td>
              <td>{p.failed}</td>
              <td>
                {Object.entries(stats.tasks[plan] ?? {})
                  .map(([task, n]) => `${task} ${n}`)
                  .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  )
}

function Stats({ stats, at }: { stats: GroxStats; at: number }) {
  return (
    <>
      <p data-testid="grox-summary">
        {stats.draining ? 'Draining (no new tasks released). ' : ''}In flight {stats.inFlight} of{' '}
        {stats.maxInFlight}; dead letters {stats.deadLetters}; stale results {stats.staleResults}; up to{' '}
        {stats.maxAttempts} attempts. Sinks:{' '}
        {Object.entries(stats.sinks)
          .map(([s, v]) => `${s} ${v.writes} writes${v.refused ? `, ${v.refused} refused` : ''}`)
          .join('; ') || 'none yet'}
        . Updated {new Date(at).toLocaleTimeString()}.
      </p>
      {stats.unavailablePlans.length > 0 && (
        <p role="alert">
          Unavailable plans: {stats.unavailablePlans.map((u) => `${u.plan} (${u.error})`).join('; ')}
        </p>
      )}
      <StreamTable stats={stats} />
      <PlanTable stats={stats} />
      <h3>Recent labels</h3>
      {stats.recentLabels.length === 0 ? (
        <p>No labels yet.</p>
      ) : (
        <ul class="grox-labels" data-testid="grox-labels">
          {stats.recentLabels.map((l) => (
            <li key={`${l.postId}:${l.source}:${l.category}:${l.at}`}>
              post {l.postId}: {l.category} {l.positive ? 'positive' : 'negative'} ({l.score.toFixed(2)},{' '}
              {l.source}
              {l.policy ? `, ${l.policy}` : ''})
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export function GroxMonitor() {
  useEffect(() => {
    void refreshGrox()
    const timer = setInterval(() => void refreshGrox(), GROX_POLL_MS)
    return () => clearInterval(timer)
  }, [])
  const state = groxState.value
  // The field keeps what is typed until submitted: a poll re-renders the monitor every GROX_POLL_MS, and an input
  // bound to the stored token alone was reset to it, losing a token typed but not yet submitted.
  const [draft, setDraft] = useState(adminToken.value)
  return (
    <section
      class="inspector"
      aria-labelledby="grox-monitor-title"
      data-testid="grox-monitor"
      data-state={state.kind}
    >
      <h2 id="grox-monitor-title">Grox monitor</h2>
      <form
        class="inspector-token"
        onSubmit={(e) => {
          e.preventDefault()
          setAdminToken(draft)
          void refreshGrox()
        }}
      >
        <label for="grox-admin-token">
          Admin token (ADMIN_TOKEN in .dev.vars; kept in this tab only)
          <input
            id="grox-admin-token"
            name="admin-token"
            type="password"
            autocomplete="off"
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
        </label>
        <button type="submit">Show Grox stats</button>
      </form>
      {state.kind === 'no-token' && <p>Grox stats are an admin route: enter the admin token.</p>}
      {state.kind === 'loading' && <p role="status">Loading Grox stats…</p>}
      {state.kind === 'unavailable' && <p role="status">Grox stats not available: {state.why}.</p>}
      {state.kind === 'error' && <p role="alert">Grox stats failed: {state.message}</p>}
      {state.kind === 'ok' && <Stats stats={state.stats} at={state.at} />}
    </section>
  )
}
