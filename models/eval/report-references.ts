// REPORT.md sections for the references that need the world: hold-out kinds and feed-level policy values.
// The kinds table has one AUC column per score source, so a new source (e.g. a classical baseline passed
// to evaluateReferences as an extra source) shows up without touching this file.
import type { EvalReferences } from '../../shared/eval/eval-references.ts'

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—')
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—')

export function holdoutSection(r: EvalReferences): string {
  const rows = r.holdout.heads
  const names = Object.keys(rows[0]?.kinds[0]?.auc ?? {})
  const lines = rows.flatMap((h) =>
    h.kinds.map(
      (c) =>
        `| ${h.head} | ${c.kind} | ${c.candidates} | ${c.positives} | ${names.map((n) => f3(c.auc[n]!)).join(' | ')} |`,
    ),
  )
  const counts = Object.entries(r.holdout.candidates)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ')
  return `## Ranker by hold-out kind (AUC)

Candidates per kind: ${counts}. *New viewer*: the session's viewer is held out of training; *new post*:
created at or after the cutoff, so no training session could show it. metrics.json also has each cell's NE.

| head | kind | candidates | positives | ${names.map((n) => `AUC ${n}`).join(' | ')} |
|---|---|---:|---:|${names.map(() => '---:').join('|')}|
${lines.join('\n')}
`
}

export function policySection(r: EvalReferences): string {
  const p = r.policies
  const lines = p.values.map(
    (v) =>
      `| ${v.policy} | ${f2(v.served)} | ${f3(v.value)} | ${f3(v.positive)} | ${f3(v.negative)} | ${f3(v.value / v.served)} |`,
  )
  return `## Feed-level policy values (held-out viewers)

${p.sessions} sessions of held-out viewers; each policy serves up to ${p.resultSize} of the session's candidates: the three
pipeline rows run the feed's ranking pipeline (shared/ranking: weighted score, new-author boost, author
diversity, OON factor, diversity rerank, visibility, conversation dedup) on the given probabilities; the
other three serve the first ${p.resultSize} in their order, without the pipeline. A served
post is worth the feed's weighted sum of its **true** probabilities (weightedScore with the feed's params:
upstream's weights, gates and mutual-follow reply boost, before the offset); the table gives per-session
means of the served posts' sum, and its positive and negative parts (value = positive − negative). Upstream's
negative weights are large (report −234, mute −58.8, not_interested −43.2), so in this world the average
post's weighted sum is below 0 and a policy that serves fewer posts (in-network only) gains by serving
less: compare the policies that serve the same posts' count, or the value per served post.

| policy | served | value | positive part | negative part | value per served post |
|---|---:|---:|---:|---:|---:|
${lines.join('\n')}
`
}
