// Top-K selection (NaN sinks), visibility rules (upstream registry tests, by label), the visibility
// filter (fail-closed) and conversation dedup.
import { describe, expect, it } from 'vitest'
import { dedupConversationFilter } from './dedup-conversation.filter.ts'
import { feedCandidate, rankingQuery, scored } from './ranking.fixtures.ts'
import { rankingParams } from './ranking-params.ts'
import { topKScoreSelector } from './top-k.selector.ts'
import { visibilityFilter } from './visibility.filter.ts'
import { evaluateVisibility } from './visibility-rules.ts'

describe('TopKScoreSelector', () => {
  it('keeps the top params.topK by score; NaN, ±∞ and missing scores sink below finite ones', () => {
    const cs = [
      scored(feedCandidate('nan'), Number.NaN),
      scored(feedCandidate('low'), 0.1),
      scored(feedCandidate('inf'), Number.POSITIVE_INFINITY),
      scored(feedCandidate('none'), undefined),
      scored(feedCandidate('high'), 2),
      scored(feedCandidate('mid'), 1),
    ]
    const q = rankingQuery([], rankingParams({ topK: 3 }))
    const r = topKScoreSelector.select!(q, cs)
    expect(r.selected.map((c) => c.post.postId)).toEqual(['high', 'mid', 'low'])
    expect(r.nonSelected.map((c) => c.post.postId)).toEqual(['nan', 'inf', 'none'])
    const two = topKScoreSelector.select!(rankingQuery([], rankingParams({ topK: 2 })), [cs[0]!, cs[1]!])
    expect(two.selected.map((c) => c.post.postId)).toEqual(['low', 'nan'])
  })
})

describe('visibility rules (timeline_home_recommendations)', () => {
  const level = 'timeline_home_recommendations'
  const inNet = (labels: string[]) => feedCandidate('i', { labels })
  const oon = (labels: string[]) => feedCandidate('o', { labels, inNetwork: false })

  it('allow unlabelled posts and labels no rule reads (egregious_nsfw is allowed upstream)', () => {
    expect(evaluateVisibility(oon([]), level)).toEqual({ action: 'allow', reasons: [] })
    expect(evaluateVisibility(oon(['egregious_nsfw']), level)).toEqual({ action: 'allow', reasons: [] })
  })

  it('give an NSFW author an interstitial in-network but a drop out of network', () => {
    expect(evaluateVisibility(inNet(['nsfw_author']), level)).toEqual({
      action: 'interstitial',
      reasons: ['nsfw_author'],
    })
    expect(evaluateVisibility(oon(['nsfw_author']), level)).toEqual({
      action: 'drop',
      reasons: ['nsfw_author'],
    })
  })

  it('drop DMCA, spam-high-recall and malicious-URL posts out of network only', () => {
    for (const label of ['dmca_media', 'spam_high_recall', 'malicious_url', 'nsfw_text']) {
      expect(evaluateVisibility(inNet([label]), level).action).toBe('allow')
      expect(evaluateVisibility(oon([label]), level)).toEqual({ action: 'drop', reasons: [label] })
    }
  })

  it('drop base-rule labels everywhere; the first drop decides', () => {
    expect(evaluateVisibility(inNet(['spam']), level)).toEqual({ action: 'drop', reasons: ['spam'] })
    expect(evaluateVisibility(inNet(['gore_and_violence', 'suspended']), level)).toEqual({
      action: 'drop',
      reasons: ['suspended'],
    })
  })

  it('use the selected level: timeline_home has no OON drops; filter_all drops everything', () => {
    expect(evaluateVisibility(oon(['malicious_url']), 'timeline_home').action).toBe('allow')
    expect(evaluateVisibility(oon(['nsfw_author']), 'timeline_home').action).toBe('interstitial')
    expect(evaluateVisibility(inNet([]), 'filter_all').action).toBe('drop')
  })
})

describe('VisibilityFilter', () => {
  it('drops drop verdicts and unjudged posts, keeps interstitials (marked), and is fail-closed', () => {
    const q = rankingQuery()
    const cs = [
      { ...scored(feedCandidate('ok'), 1), visibility: { action: 'allow' as const, reasons: [] } },
      {
        ...scored(feedCandidate('nsfw'), 1),
        visibility: { action: 'interstitial' as const, reasons: ['nsfw_author'] },
      },
      { ...scored(feedCandidate('spam'), 1), visibility: { action: 'drop' as const, reasons: ['spam'] } },
      scored(feedCandidate('unjudged'), 1),
    ]
    const r = visibilityFilter.filter(q, cs)
    expect(r.kept.map((c) => [c.post.postId, c.visibility?.action])).toEqual([
      ['ok', 'allow'],
      ['nsfw', 'interstitial'],
    ])
    expect(r.removed.map((c) => c.post.postId)).toEqual(['spam', 'unjudged'])
    expect(visibilityFilter.onError).toBe('fail-closed')
  })
})

describe('DedupConversationFilter', () => {
  it('keeps the highest-scored post of each conversation, in input order', () => {
    const reply = (id: string, conv: string, s: number | undefined) =>
      scored(feedCandidate(id, { conversationId: conv, isReply: id !== conv }), s)
    const cs = [
      reply('r1', 'c1', 0.5),
      reply('c2', 'c2', 3),
      reply('r2', 'c1', 0.9),
      reply('c1', 'c1', Number.NaN),
      reply('r3', 'c2', undefined),
    ]
    const r = dedupConversationFilter.filter(rankingQuery(), cs)
    expect(r.kept.map((c) => c.post.postId)).toEqual(['c2', 'r2'])
    expect(r.removed.map((c) => c.post.postId)).toEqual(['r1', 'c1', 'r3'])
  })

  it('keeps the first on ties', () => {
    const cs = [
      scored(feedCandidate('a', { conversationId: 'c' }), 1),
      scored(feedCandidate('b', { conversationId: 'c' }), 1),
    ]
    expect(dedupConversationFilter.filter(rankingQuery(), cs).kept.map((c) => c.post.postId)).toEqual(['a'])
  })
})
