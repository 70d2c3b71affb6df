// The lab's tables for the references that need the world, as `models:eval` reports them
// (models/eval/report-references.ts): every head by hold-out kind, and the feed-level policy values of the
// held-out viewers' sessions. The model's cells are per backend; the other sources do not depend on it.
import type { PolicyValue } from '../../../shared/eval/policy-value.ts'
import type { BackendRun } from './lab-report'
import { Scroll } from './lab-tables'

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—')
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—')

export function HoldoutTable({ runs }: { runs: readonly BackendRun[] }) {
  const first = runs[0]!.references.holdout
  const others = Object.keys(first.heads[0]?.kinds[0]?.auc ?? {}).filter((n) => n !== 'model')
  const counts = Object.entries(first.candidates)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ')
  return (
    <Scroll label="Metrics by hold-out kind">
      <table class="lab-table" data-testid="lab-holdout">
        <caption>
          AUC by hold-out kind. New viewer: held out of training; new post: created at or after the cutoff, so
          no training session could show it. Candidates per kind: {counts}.
        </caption>
        <thead>
          <tr>
            <th scope="col">head</th>
            <th scope="col">kind</th>
            <th scope="col">candidates</th>
            <th scope="col">positives</th>
            {runs.map((r) => (
              <th key={r.provider} scope="col">{`AUC model (${r.provider})`}</th>
            ))}
            {others.map((n) => (
              <th key={n} scope="col">{`AUC ${n}`}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first.heads.flatMap((row, h) =>
            row.kinds.map((cell, k) => (
              <tr key={`${row.head}/${cell.kind}`} data-head={row.head} data-kind={cell.kind}>
                <th scope="row">{row.head}</th>
                <td>{cell.kind}</td>
                <td>{cell.candidates}</td>
                <td>{cell.positives}</td>
                {runs.map((r) => (
                  <td key={r.provider}>{f3(r.references.holdout.heads[h]!.kinds[k]!.auc.model!)}</td>
                ))}
                {others.map((n) => (
                  <td key={n}>{f3(cell.auc[n]!)}</td>
                ))}
              </tr>
            )),
          )}
        </tbody>
      </table>
    </Scroll>
  )
}

const TRAINED = 'ranking pipeline, trained ranker'

function PolicyRow({ v, label }: { v: PolicyValue; label: string }) {
  return (
    <tr data-policy={label}>
      <th scope="row">{label}</th>
      <td>{f2(v.served)}</td>
      <td>{f3(v.value)}</td>
      <td>{f3(v.positive)}</td>
      <td>{f3(v.negative)}</td>
      <td>{f3(v.value / v.served)}</td>
    </tr>
  )
}

export function PolicyTable({ runs }: { runs: readonly BackendRun[] }) {
  const p = runs[0]!.references.policies
  const rows = p.values.flatMap((v) =>
    v.policy !== TRAINED
      ? [{ v, label: v.policy }]
      : runs.map((r) => ({
          v: r.references.policies.values.find((x) => x.policy === TRAINED)!,
          label: runs.length > 1 ? `${TRAINED} (${r.provider})` : TRAINED,
        })),
  )
  return (
    <Scroll label="Feed-level policy values">
      <table class="lab-table" data-testid="lab-policies">
        <caption>
          Feed-level policy values over the {p.sessions} sessions of held-out viewers: each policy serves up
          to {p.resultSize} of a session's candidates (the pipeline rows run the feed's ranking pipeline on
          the given probabilities); a served post is worth the feed's weighted sum of its true probabilities
          (upstream's weights), split into positive and negative parts; per-session means.
        </caption>
        <thead>
          <tr>
            <th scope="col">policy</th>
            <th scope="col">served</th>
            <th scope="col">value</th>
            <th scope="col">positive part</th>
            <th scope="col">negative part</th>
            <th scope="col">value per served post</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ v, label }) => (
            <PolicyRow key={label} v={v} label={label} />
          ))}
        </tbody>
      </table>
    </Scroll>
  )
}
