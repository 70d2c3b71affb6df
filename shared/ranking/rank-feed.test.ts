// The ranking pipeline end to end through the runtime, with FAKE engines (no model): hand-computed order
// and explanations, sizes, visibility, engine failures, and candidate isolation of Phoenix/weighted scores.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { execute } from '../pipeline/execute.ts'
import type { FeedCandidate, FeedViewer } from '../types/feed.ts'
import { rankFeed } from './rank-feed.ts'
import { FakeHashEngine, FakeTableEngine, feedCandidate, NOW_MS, viewer } from './ranking.fixtures.ts'
import type { RankingCandidate } from './ranking-candidate.ts'
import { DEFAULT_RANKING_PARAMS } from './ranking-params.ts'
import { rankingPipeline } from './ranking-pipeline.ts'
import type { PhoenixScoreEngine } from './score-engine.ts'

const byId = <T extends { post: FeedCandidate }>(items: readonly T[], id: string) =>
  items.find((i) => i.post.postId === id)!

describe('rankFeed', () => {
  it('ranks and explains a small feed (hand-computed)', async () => {
    const engine = new FakeTableEngine({
      a: { probs: { favorite: 0.4 } },
      b: { probs: { favorite: 0.2 } },
      c: { probs: { favorite: 0.4 } },
    })
    const candidates = [
      feedCandidate('a', { authorId: 'x' }),
      feedCandidate('b', { authorId: 'x' }),
      feedCandidate('c', {
        authorId: 'y',
        inNetwork: false,
        source: 'phoenix_retrieval',
        labels: ['topic:cats'],
      }),
    ]
    const before = structuredClone(candidates)
    const feed = await rankFeed(engine, viewer(), candidates, NOW_MS)
    // a: 0.4×0.5 + 0.001 = 0.201; c: 0.201 × 0.75 (OON) = 0.15075;
    // b: (0.2×0.5 + 0.001) × 0.625 (2nd post by x) = 0.063125
    expect(feed.items.map((i) => [i.post.postId, i.score])).toEqual([
      ['a', expect.closeTo(0.201, 7)],
      ['c', expect.closeTo(0.15075, 7)],
      ['b', expect.closeTo(0.063125, 7)],
    ])
    const c = feed.items[1]!.explanation
    expect(c).toMatchObject({
      postId: 'c',
      source: 'phoenix_retrieval',
      inNetwork: false,
      engine: 'fake-table',
      paramsVersion: DEFAULT_RANKING_PARAMS.version,
      position: 1,
      labels: ['topic:cats'],
      visibility: { action: 'allow', reasons: [] },
      filtersPassed: ['VisibilityFilter', 'DedupConversationFilter'],
    })
    expect(c.weighted!.heads.find((h) => h.head === 'favorite')).toMatchObject({
      weight: 0.5,
      term: expect.closeTo(0.2, 7),
    })
    expect(c.adjustments.map((a) => [a.kind, a.before, a.after])).toEqual([
      ['out_of_network', expect.closeTo(0.201, 7), expect.closeTo(0.15075, 7)],
      ['diversity_rerank', expect.closeTo(0.15075, 7), expect.closeTo(0.15075, 7)],
    ])
    expect(feed.items[2]!.explanation.adjustments[0]).toMatchObject({
      kind: 'author_diversity',
      factor: 0.625,
    })
    expect(engine.calls).toBe(1)
    expect(candidates).toEqual(before) // the edge's candidates are never written to
    expect(feed.trace.pipeline).toBe('ForYouRanking')
  })

  it('serves result size 35 out of top-K 50', async () => {
    const candidates = Array.from({ length: 60 }, (_, i) => feedCandidate(`p${i}`))
    const feed = await rankFeed(new FakeHashEngine(), viewer(), candidates, NOW_MS)
    expect(feed.items).toHaveLength(35)
    expect(feed.trace.counts).toMatchObject({ retrieved: 60, selected: 35, truncated: 15, nonSelected: 25 })
    const scores = feed.items.map((i) => i.score)
    expect(scores).toEqual([...scores].sort((x, y) => y - x))
  })

  it('drops what visibility says to drop and marks interstitials', async () => {
    const candidates = [
      feedCandidate('fine'),
      feedCandidate('nsfw-in', { labels: ['nsfw_author'] }),
      feedCandidate('nsfw-oon', { labels: ['nsfw_author'], inNetwork: false }),
    ]
    const feed = await rankFeed(new FakeHashEngine(), viewer(), candidates, NOW_MS)
    expect(feed.items.map((i) => i.post.postId).sort()).toEqual(['fine', 'nsfw-in'])
    expect(byId(feed.items, 'nsfw-in').explanation.visibility).toEqual({
      action: 'interstitial',
      reasons: ['nsfw_author'],
    })
    const vf = feed.trace.stages.find((s) => s.stage === 'post_selection_filter')!.components[0]!
    expect(vf).toMatchObject({ name: 'VisibilityFilter', removed: ['nsfw-oon'] })
  })

  it('serves unscored posts in candidate order, explained as such, when the engine fails', async () => {
    const broken: PhoenixScoreEngine = {
      name: 'broken',
      score: () => Promise.reject(new Error('webgpu lost')),
    }
    const feed = await rankFeed(broken, viewer(), [feedCandidate('1'), feedCandidate('2')], NOW_MS)
    expect(feed.items.map((i) => i.post.postId)).toEqual(['1', '2'])
    expect(feed.items[0]!.explanation).toMatchObject({ engine: null, weighted: null, adjustments: [] })
    const scorers = feed.trace.stages.find((s) => s.stage === 'scorer')!.components
    expect(scorers[0]).toMatchObject({ name: 'PhoenixScorer', outcome: 'failed', error: 'webgpu lost' })
  })

  it('fails the Phoenix scorer on a wrongly shaped engine reply', async () => {
    const short: PhoenixScoreEngine = {
      name: 'short',
      score: async () => ({ probs: new Float32Array(3), dwellSeconds: new Float32Array(1) }),
    }
    const feed = await rankFeed(short, viewer(), [feedCandidate('1')], NOW_MS)
    const phoenix = feed.trace.stages.find((s) => s.stage === 'scorer')!.components[0]!
    expect(phoenix.outcome).toBe('failed')
    expect(phoenix.error).toMatch(/^short: expected 1×23 probs/)
  })
})

describe('candidate isolation through the runtime', () => {
  /** Phoenix probabilities and weighted score of `target` when ranked among `others`. */
  async function scoresOf(target: FeedCandidate, others: FeedCandidate[], v: FeedViewer) {
    const pipeline = rankingPipeline(new FakeHashEngine(), DEFAULT_RANKING_PARAMS)
    const r = await execute(pipeline, {
      viewer: v,
      nowMs: NOW_MS,
      params: DEFAULT_RANKING_PARAMS,
      candidates: [...others, target],
    })
    const all: RankingCandidate[] = [...r.selected, ...r.nonSelected, ...r.filtered]
    const t = all.find((c) => c.post.postId === target.postId)!
    return { probs: t.phoenix!.probs, dwell: t.phoenix!.dwellSeconds, weighted: t.weighted!.weightedScore }
  }

  it('a post’s Phoenix and weighted scores do not change when the other candidates change', async () => {
    const target = feedCandidate('target', { authorId: 'm', text: 'the one under test' })
    const v = viewer({ mutualFollowIds: ['m'] })
    const alone = await scoresOf(target, [], v)
    const other = fc.record({
      id: fc.stringMatching(/^[a-z0-9]{1,8}$/).filter((id) => id !== 'target'),
      authorId: fc.constantFrom('m', 'n', 'o'),
      inNetwork: fc.boolean(),
      isReply: fc.boolean(),
      text: fc.string({ maxLength: 30 }),
    })
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(other, { selector: (o) => o.id, maxLength: 40 }), async (others) => {
        const got = await scoresOf(
          target,
          others.map((o) => feedCandidate(o.id, o)),
          v,
        )
        expect(got).toEqual(alone)
      }),
      { numRuns: 40 },
    )
    expect(alone.weighted).toBeGreaterThan(0.001)
  })
})
