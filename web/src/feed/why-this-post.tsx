// "Why this post": where it came from, every head's P(action) × weight (chart and table), each adjustment
// with the score before and after, the filters it passed and the labels applied. Full-precision numbers
// ride on data-* attributes so the e2e specs can check them against the ranking parameters and the API.
import { useState } from 'preact/hooks'
import type { FeedItemExplanation, HeadTerm, ScoreAdjustment } from '../../../shared/ranking/explanation.ts'
import { fmt } from './format'
import { HeadChart } from './head-chart'

const SOURCE_NAMES = {
  thunder: 'Thunder (accounts you follow)',
  phoenix_retrieval: 'retrieval (similar to what you engage with)',
  popular: 'popular posts',
} as const

function HeadRow({ h }: { h: HeadTerm }) {
  return (
    <tr
      class="head"
      data-head={h.head}
      data-value={h.value === null ? 'null' : h.value}
      data-weight={h.weight}
      data-term={h.term}
      data-gated={h.gatedBy}
    >
      <th scope="row">{h.head.replaceAll('_', ' ')}</th>
      <td>{fmt(h.value)}</td>
      <td>× {h.weight}</td>
      <td>{h.gatedBy ? `gated (${h.gatedBy.replaceAll('_', ' ')})` : `= ${fmt(h.term)}`}</td>
    </tr>
  )
}

function AdjustmentRow({ a }: { a: ScoreAdjustment }) {
  return (
    <li
      class="adjustment"
      data-kind={a.kind}
      data-before={a.before}
      data-after={a.after}
      data-factor={a.factor}
    >
      <strong>{a.kind.replaceAll('_', ' ')}</strong>: {fmt(a.before)} → {fmt(a.after)}
      {a.factor === undefined ? '' : ` (× ${fmt(a.factor)})`} — {a.reason}
    </li>
  )
}

export function WhyThisPost({ x }: { x: FeedItemExplanation }) {
  const [open, setOpen] = useState(false)
  const w = x.weighted
  return (
    <details class="why" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Why this post</summary>
      <p class="why-source">
        {x.inNetwork ? 'In network' : 'Out of network'}, from {SOURCE_NAMES[x.source]}. Scored by{' '}
        {x.engine ?? 'no engine'} with parameters <code>{x.paramsVersion}</code>.
      </p>
      {w ? (
        <div class="weighted" data-weighted-score={w.weightedScore} data-reply-boosted={w.replyBoosted}>
          {open && <HeadChart heads={w.heads} />}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard */}
          <section class="table-scroll" tabIndex={0} aria-label="Head terms table">
            <table class="heads">
              <caption>Each head: P(action) × weight</caption>
              <thead>
                <tr>
                  <th scope="col">head</th>
                  <th scope="col">P</th>
                  <th scope="col">weight</th>
                  <th scope="col">term</th>
                </tr>
              </thead>
              <tbody>
                {w.heads.map((h) => (
                  <HeadRow key={h.head} h={h} />
                ))}
              </tbody>
            </table>
          </section>
          <p>
            positive {fmt(w.positive)} − negative {fmt(w.negative)} = {fmt(w.combined)} → weighted score{' '}
            {fmt(w.weightedScore)}
            {w.negativeMapped ? ' (negative, mapped into (0, offset))' : ''}
            {w.replyBoosted ? ' · reply weight boosted (mutual follow)' : ''}
          </p>
        </div>
      ) : (
        <p class="weighted" data-weighted-score="null">
          Not scored by the engine.
        </p>
      )}
      <h4>Adjustments</h4>
      <ol class="adjustments">
        {x.adjustments.length > 0 ? (
          x.adjustments.map((a) => <AdjustmentRow key={a.kind} a={a} />)
        ) : (
          <li>none</li>
        )}
      </ol>
      <p class="why-final">
        Final score {fmt(x.finalScore)} at position {x.position + 1} · visibility {x.visibility.action}
        {x.labels.length > 0 ? ` · labels ${x.labels.join(', ')}` : ' · no labels'} · filters passed:{' '}
        {x.filtersPassed.join(', ') || 'none'}
      </p>
    </details>
  )
}
