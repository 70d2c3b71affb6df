// The lab's tables: per head AUC / RCE / calibration for the model on each backend next to the plug-in
// ceiling, the oracle, the classical baseline and popularity (the references `npm run models:eval` reports),
// retrieval recall@100, dwell, and latency. Hold-out kinds and policy values: lab-reference-tables.tsx.
import { ACCEPTANCE } from '../../../shared/eval/ranker-eval.ts'
import type { SourceHeadRow } from '../../../shared/eval/source-metrics.ts'
import { percentile } from './charts/chart-data'
import type { BackendRun, LabClassical } from './lab-report'

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—')
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—')
const rce = (ne: number) => (Number.isFinite(ne) ? (100 * (1 - ne)).toFixed(1) : '—')

/** A wide table scrolls sideways on a phone; the region is focusable so keyboards can scroll it too. */
export function Scroll({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section class="lab-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  )
}

export function HeadTable({ runs, classical }: { runs: readonly BackendRun[]; classical: LabClassical }) {
  const heads = runs[0]!.metrics.heads
  const plugIn = runs[0]!.references.plugIn
  const cls: readonly (SourceHeadRow | undefined)[] = 'heads' in classical ? classical.heads : []
  const ref = (rows: readonly (SourceHeadRow | undefined)[], h: number, f: (r: SourceHeadRow) => string) =>
    rows[h] === undefined ? '—' : f(rows[h]!)
  const per = (f: (r: BackendRun, h: number) => string, h: number) =>
    runs.map((r) => <td key={r.provider}>{f(r, h)}</td>)
  const th = (what: string) =>
    runs.map((r) => <th key={r.provider} scope="col">{`${what} model (${r.provider})`}</th>)
  return (
    <Scroll label="Per-head metrics">
      <table class="lab-table" data-testid="lab-heads">
        <caption>
          Ranker heads, pooled over every candidate, beside the plug-in ceiling (the world's model on the
          ranker's inputs), the oracle, the classical baseline (logistic regression on hand-built features)
          and popularity. RCE = 100·(1 − normalized entropy). Pass: AUC ≥ oracle − {ACCEPTANCE.aucBelowOracle}
          , ≥ popularity + {ACCEPTANCE.aucAbovePopularity}, calibration in [
          {ACCEPTANCE.calibration.join(', ')}].
        </caption>
        <thead>
          <tr>
            <th scope="col">head</th>
            <th scope="col">positives</th>
            {th('AUC')}
            <th scope="col">AUC plug-in</th>
            <th scope="col">AUC oracle</th>
            <th scope="col">AUC classical</th>
            <th scope="col">AUC popularity</th>
            {th('RCE')}
            <th scope="col">RCE plug-in</th>
            <th scope="col">RCE oracle</th>
            <th scope="col">RCE classical</th>
            <th scope="col">RCE popularity</th>
            {th('calib.')}
            <th scope="col">calib. plug-in</th>
            <th scope="col">calib. oracle</th>
            <th scope="col">calib. classical</th>
            <th scope="col">verdict</th>
          </tr>
        </thead>
        <tbody>
          {heads.map((row, h) => (
            <tr key={row.head} data-head={row.head}>
              <th scope="row">{row.head}</th>
              <td>{row.positives}</td>
              {per((r, i) => f3(r.metrics.heads[i]!.auc.model), h)}
              <td>{ref(plugIn, h, (x) => f3(x.auc))}</td>
              <td>{f3(row.auc.oracle)}</td>
              <td>{ref(cls, h, (x) => f3(x.auc))}</td>
              <td>{f3(row.auc.popularity)}</td>
              {per((r, i) => rce(r.metrics.heads[i]!.ne.model), h)}
              <td>{ref(plugIn, h, (x) => rce(x.ne))}</td>
              <td>{rce(row.ne.oracle)}</td>
              <td>{ref(cls, h, (x) => rce(x.ne))}</td>
              <td>{rce(row.ne.popularity)}</td>
              {per((r, i) => f2(r.metrics.heads[i]!.calibration.model), h)}
              <td>{ref(plugIn, h, (x) => f2(x.calibration))}</td>
              <td>{f2(row.calibration.oracle)}</td>
              <td>{ref(cls, h, (x) => f2(x.calibration))}</td>
              <td>{row.verdict}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  )
}

export function RetrievalTable({ runs }: { runs: readonly BackendRun[] }) {
  const t = runs[0]!.metrics.retrieval
  return (
    <Scroll label="Retrieval metrics">
      <table class="lab-table" data-testid="lab-retrieval">
        <caption>
          Two-tower retrieval, recall@100: {t.users} held-out viewers ({t.usersWithPositives} with eval
          favorites in the corpus), corpus {t.corpus} posts.
        </caption>
        <thead>
          <tr>
            <th scope="col">measure</th>
            {runs.map((r) => (
              <th key={r.provider} scope="col">{`model (${r.provider})`}</th>
            ))}
            <th scope="col">reference</th>
            <th scope="col">popularity</th>
            <th scope="col">random</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">overlap@100 with the reference top 100</th>
            {runs.map((r) => (
              <td key={r.provider}>{f3(r.metrics.retrieval.overlap.model)}</td>
            ))}
            <td>1.000</td>
            <td>{f3(t.overlap.popularity)}</td>
            <td>{f3(t.overlap.random)}</td>
          </tr>
          <tr>
            <th scope="row">positives@100 (eval favorites retrieved)</th>
            {runs.map((r) => (
              <td key={r.provider}>{f3(r.metrics.retrieval.positives.model)}</td>
            ))}
            <td>{f3(t.positives.oracle)}</td>
            <td>{f3(t.positives.popularity)}</td>
            <td>—</td>
          </tr>
        </tbody>
      </table>
    </Scroll>
  )
}

export function LatencyTable({ runs }: { runs: readonly BackendRun[] }) {
  return (
    <Scroll label="Latency and throughput">
      <table class="lab-table" data-testid="lab-latency">
        <caption>
          Latency per ranker session (history + candidates, page → worker → page) and throughput.
        </caption>
        <thead>
          <tr>
            <th scope="col">backend</th>
            <th scope="col">load ms</th>
            <th scope="col">p50 ms</th>
            <th scope="col">p95 ms</th>
            <th scope="col">candidates/s</th>
            <th scope="col">post-tower posts/s</th>
            <th scope="col">dwell MAE s (oracle)</th>
            <th scope="col">graphs on WASM</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.provider}>
              <th scope="row">{r.provider}</th>
              <td>{Math.round(r.loadMs)}</td>
              <td>{f2(percentile(r.latency.rankerSessionMs, 0.5))}</td>
              <td>{f2(percentile(r.latency.rankerSessionMs, 0.95))}</td>
              <td>{Math.round(r.latency.candidatesPerSecond)}</td>
              <td>{Math.round(r.latency.postsPerSecond)}</td>
              <td>
                {f2(r.metrics.dwell.maeModel)} ({f2(r.metrics.dwell.maeOracle)})
              </td>
              <td>
                {Object.entries(r.graphs)
                  .filter(([, p]) => p === 'wasm')
                  .map(([g]) => g)
                  .join(', ') || 'none'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  )
}
