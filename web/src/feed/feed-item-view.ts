// One ranked post: author, text, in/out-of-network badge, score, and a "Why this post" <details> with the
// explanation — each head's P × weight and every adjustment with its score before and after. Full-precision
// numbers ride on data-* attributes so the e2e specs can check the arithmetic against the params.
import type { FeedItemExplanation, HeadTerm, ScoreAdjustment } from '../../../shared/ranking/explanation.ts'
import type { RankedFeedItem } from '../../../shared/ranking/rank-feed.ts'
import { el, fmt } from './dom'

const SOURCE_NAMES = { thunder: 'Thunder', phoenix_retrieval: 'retrieval', popular: 'popular' } as const

function headRow(h: HeadTerm): HTMLTableRowElement {
  return el(
    'tr',
    {
      class: 'head',
      'data-head': h.head,
      'data-value': h.value === null ? 'null' : h.value,
      'data-weight': h.weight,
      'data-term': h.term,
      'data-gated': h.gatedBy,
    },
    el('td', {}, h.head),
    el('td', {}, fmt(h.value)),
    el('td', {}, `× ${h.weight}`),
    el('td', {}, h.gatedBy ? `gated (${h.gatedBy.replaceAll('_', ' ')})` : `= ${fmt(h.term)}`),
  )
}

function adjustmentRow(a: ScoreAdjustment): HTMLLIElement {
  return el(
    'li',
    {
      class: 'adjustment',
      'data-kind': a.kind,
      'data-before': a.before,
      'data-after': a.after,
      'data-factor': a.factor,
    },
    `${a.kind.replaceAll('_', ' ')}: ${fmt(a.before)} → ${fmt(a.after)}`,
    a.factor === undefined ? '' : ` (× ${fmt(a.factor)})`,
    ` — ${a.reason}`,
  )
}

function whyThisPost(x: FeedItemExplanation): HTMLDetailsElement {
  const w = x.weighted
  const weighted = w
    ? el(
        'div',
        { class: 'weighted', 'data-weighted-score': w.weightedScore, 'data-reply-boosted': w.replyBoosted },
        el(
          'table',
          { class: 'heads' },
          el('thead', {}, el('tr', {}, ...['head', 'P', 'weight', 'term'].map((t) => el('th', {}, t)))),
          el('tbody', {}, ...w.heads.map(headRow)),
        ),
        el(
          'p',
          {},
          `positive ${fmt(w.positive)} − negative ${fmt(w.negative)} = ${fmt(w.combined)} → weighted score ${fmt(w.weightedScore)}`,
          w.negativeMapped ? ' (negative, mapped into (0, offset))' : '',
          w.replyBoosted ? ' · reply weight boosted (mutual follow)' : '',
        ),
      )
    : el('p', { class: 'weighted', 'data-weighted-score': 'null' }, 'not scored by the engine')
  return el(
    'details',
    { class: 'why' },
    el('summary', {}, 'Why this post'),
    el(
      'p',
      {},
      `${x.inNetwork ? 'In network' : 'Out of network'}, from ${SOURCE_NAMES[x.source]}; engine ${x.engine ?? 'none'}; params ${x.paramsVersion}`,
    ),
    weighted,
    el(
      'ol',
      { class: 'adjustments' },
      ...(x.adjustments.length > 0 ? x.adjustments.map(adjustmentRow) : [el('li', {}, 'no adjustments')]),
    ),
    el(
      'p',
      {},
      `final score ${fmt(x.finalScore)} · visibility ${x.visibility.action}` +
        (x.labels.length > 0 ? ` · labels ${x.labels.join(', ')}` : '') +
        ` · filters passed: ${x.filtersPassed.join(', ') || 'none'}`,
    ),
  )
}

export function feedItemView(item: RankedFeedItem): HTMLLIElement {
  const { post, explanation } = item
  const network = post.inNetwork ? 'in-network' : 'out-of-network'
  return el(
    'li',
    {
      class: 'feed-item',
      'data-post-id': post.postId,
      'data-author-id': post.authorId,
      'data-in-network': post.inNetwork,
      'data-source': post.source,
      'data-score': item.score,
      'data-position': explanation.position,
      'data-final-score': explanation.finalScore,
    },
    el(
      'div',
      { class: 'byline' },
      el('strong', {}, post.authorDisplayName),
      ` @${post.authorHandle}`,
      el('span', { class: `badge ${network}` }, post.inNetwork ? 'in network' : 'out of network'),
      post.isRepost ? el('span', { class: 'badge' }, 'repost') : null,
      post.isReply ? el('span', { class: 'badge' }, 'reply') : null,
      el('span', { class: 'score' }, `score ${fmt(item.score)}`),
    ),
    el('p', { class: 'text' }, post.text || '(no text)'),
    whyThisPost(explanation),
  )
}
