// metrics.json (machine-readable; NaN written as null) and REPORT.md (the table a reviewer reads).
import { POPULARITY_PRIOR_VIEWS } from '../../shared/eval/popularity.ts'
import { ACCEPTANCE } from '../../shared/eval/ranker-eval.ts'
import { holdoutSection, policySection } from './report-references.ts'
import type { EvalReport } from './run-eval.ts'

export function metricsJson(r: EvalReport): string {
  return `${JSON.stringify(r, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—')
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—')
const rce = (ne: number) => (Number.isFinite(ne) ? (100 * (1 - ne)).toFixed(1) : '—')

export const DEFINITIONS = `
### Definitions

- **Pooling.** Every metric pools all candidates of all evaluated sessions (not per-session means).
- **AUC** — exact ROC AUC by Mann–Whitney ranks, ties averaged (no thresholds). Undefined (—) when a head
  has no positives.
- **NE** — mean binary cross-entropy ÷ entropy of the head's base rate in the evaluated candidates;
  **RCE = 100 · (1 − NE)** (upstream's metric; higher is better, 0 = base rate). Shown for the model, the oracle
  and popularity.
- **Calibration** — Σp / Σy over the evaluated candidates.
- **Oracle** — the world's true probabilities for each (viewer, post, serve time), as written in the eval
  sessions' \`truth\` (4 significant digits). Labels are Bernoulli draws from them, so the oracle's AUC is the
  ceiling a model can expect.
- **Plug-in** — the world's true model (shared/world/truth.ts) with every hidden variable replaced by its best
  estimate from what the ranker receives (shared/eval/plug-in.ts): the viewer's topic preferences and style
  taste from the session's history, post and author quality as posterior means from public counts (the
  candidate's at the serve time, the author's earlier posts' as of the cutoff), and the mutual follow, which
  is no input, marginalised at its population rate. The oracle is the absolute limit; the plug-in is what
  the ranker's inputs allow, so model − plug-in is what a better model could still gain.
- **Classical** — per head, a logistic regression (Newton, L2 λ = 1 on standardised features) on hand-built
  features a practitioner would try first (shared/eval/classical-features.ts): in-network; the viewer's
  history share and smoothed per-head action rate with the candidate's author and with its words; media kind,
  video length, link, reply / repost / quote; age at the serve time; the counts as served. Fitted on the first
  TRAIN sessions of the same world (never eval sessions) by \`npm run models:classical\`, which stores the
  coefficients in models/artifacts/classical-baseline.json (models:eval refits when that file is absent).
- **Popularity** — per head, a per-view rate from the post's public counts, (count + ${POPULARITY_PRIOR_VIEWS} · global rate) /
  (views + ${POPULARITY_PRIOR_VIEWS}): the head's own count for favorite / reply / repost / quote, the sum of the four for the other
  positive heads, and a constant (AUC 0.5) for not_interested, block_author, mute_author, report,
  not_dwelled and post_unexplored; rescaled so its mean is the head's training base rate (no labels used).
- **Acceptance per head** — AUC ≥ oracle − ${ACCEPTANCE.aucBelowOracle} **and** AUC ≥ popularity + ${ACCEPTANCE.aucAbovePopularity} **and** calibration in
  [${ACCEPTANCE.calibration[0]}, ${ACCEPTANCE.calibration[1]}].
- **Retrieval** — held-out viewers (never in training) with an eval session: the history of their earliest
  eval session through the user tower; the corpus is every non-repost, non-subscriber-only post created in the
  eval window, through the post tower; the viewer's own posts and history posts are excluded for every
  ranking. The **reference** ranks the corpus by the world's true P(favorite) for the viewer if the post
  were shown fresh (shared/eval/retrieval-reference.ts: topic, quality, style, language, spam/NSFW,
  reply-ness, in-network and mutual follow; no age decay, which the towers cannot see). It needs no exposure:
  every corpus post is labelled by the truth. (The earlier oracle ranked by topic affinity alone, while 63 %
  of eval favorites are in-network, where the truth adds to the logit; so the model could beat it on
  positives@100.) *overlap@100* = |top100 ∩ reference top100| / 100, so the reference's own overlap is 1 and
  acceptance is overlap ≥ 0.5. *positives@100* = share of the viewer's eval-session favorites (in the corpus)
  that the top 100 contains, averaged over viewers with any: exposure-biased (only served posts can be
  positives), kept as a second check; defined for the reference too, and acceptance is model ≥ 0.5 ×
  reference.
  Popularity is one global top 100 by engagement count (favorite + reply + repost + quote).
`

export function reportMarkdown(r: EvalReport): string {
  const rows = r.ranker.heads.map(
    (h, k) =>
      `| ${h.head} | ${h.positives} | ${f3(h.auc.model)} | ${f3(r.references.plugIn[k]!.auc)} | ${f3(h.auc.oracle)} | ${f3(r.classical.heads[k]!.auc)} | ${f3(h.auc.popularity)} | ` +
      `${rce(h.ne.model)} | ${rce(r.references.plugIn[k]!.ne)} | ${rce(h.ne.oracle)} | ${rce(h.ne.popularity)} | ${f2(h.calibration.model)} | ` +
      `${f2(h.calibration.oracle)} | ${h.verdict}${h.misses.length ? ` (${h.misses.join('; ')})` : ''} |`,
  )
  const d = r.ranker.dwell
  const t = r.retrieval
  return `# Phoenix models: offline evaluation

Generated by \`npm run models:eval\` (models/eval/cli.ts). Models: ${r.models.set}. Data: ${r.data.source},
world ${r.data.generatorVersion} preset \`${r.data.preset}\` seed ${r.data.seed}: ${r.data.sessions} held-out sessions,
${r.data.candidates} candidates. Engine: ${r.engine}. The TypeScript reference re-scored the first
${r.referenceCrossCheck.sessions} sessions: max |ORT − reference| = ${r.referenceCrossCheck.maxAbsDiff.toExponential(2)}; and the towers'
embeddings of ${r.referenceCrossCheck.towers.users} viewers and ${r.referenceCrossCheck.towers.posts} posts: ${r.referenceCrossCheck.towers.maxAbsDiff.toExponential(2)}.

## Ranker: ${r.ranker.pass} pass, ${r.ranker.miss} miss, ${r.ranker.notApplicable} without positives

| head | positives | AUC model | AUC plug-in | AUC oracle | AUC classical | AUC popularity | RCE model | RCE plug-in | RCE oracle | RCE popularity | calib. model | calib. oracle | verdict |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
${rows.join('\n')}

Classical baseline fitted on ${r.classical.trainSessions} train sessions (${r.classical.trainCandidates} candidates).

Dwell time (seconds, against each candidate's sampled dwell): MAE model ${f2(d.maeModel)}, oracle (expected dwell)
${f2(d.maeOracle)}; mean predicted ${f2(d.meanModel)} vs observed ${f2(d.meanObserved)}.

## Retrieval (two-tower), recall@100

| measure | model | reference | popularity | random | acceptance | verdict |
|---|---:|---:|---:|---:|---|---|
| overlap@100 with the reference's top 100 | ${f3(t.overlap.model)} | 1.000 | ${f3(t.overlap.popularity)} | ${f3(t.overlap.random)} | ≥ 0.5 | ${t.verdict.overlap} |
| positives@100 (eval favorites retrieved) | ${f3(t.positives.model)} | ${f3(t.positives.oracle)} | ${f3(t.positives.popularity)} | — | ≥ 0.5 × reference | ${t.verdict.positives} |

${t.users} held-out viewers (${t.usersWithPositives} with eval favorites in the corpus), corpus ${t.corpus} posts.

${holdoutSection(r.references)}
${policySection(r.references)}${DEFINITIONS}`
}
