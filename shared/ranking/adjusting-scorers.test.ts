// §4.3 steps 5–7 as separate scorers: new-author boost, author diversity in score order, OON factor.
import { describe, expect, it } from 'vitest'
import type { ComponentContext, Scorer } from '../pipeline/stage-types.ts'
import type { FeedCandidate } from '../types/feed.ts'
import { authorDiversityScorer } from './author-diversity.scorer.ts'
import { newAuthorBoostScorer } from './new-author-boost.scorer.ts'
import { outOfNetworkScorer } from './out-of-network.scorer.ts'
import { feedCandidate, rankingQuery, scored } from './ranking.fixtures.ts'
import {
  applyScoreUpdate,
  type RankingCandidate,
  type RankingQuery,
  type ScoreUpdate,
} from './ranking-candidate.ts'
import { rankingParams } from './ranking-params.ts'

const ctx = {} as ComponentContext

async function run(
  scorer: Scorer<RankingQuery, RankingCandidate, ScoreUpdate>,
  cs: RankingCandidate[],
  q = rankingQuery(),
): Promise<RankingCandidate[]> {
  const out = await scorer.score(q, cs, ctx)
  return cs.map((c, i) => applyScoreUpdate(c, out[i] as ScoreUpdate))
}

describe('AuthorDiversityScorer', () => {
  it('applies_author_diversity_decay_in_score_order: a repeat author gets the first × multiplier(k=1)', async () => {
    const a1 = scored(feedCandidate('1', { authorId: 'a' }), 1.0)
    const b = scored(feedCandidate('2', { authorId: 'b' }), 0.8)
    const a2 = scored(feedCandidate('3', { authorId: 'a' }), 1.0)
    const [r1, r2, r3] = await run(authorDiversityScorer, [a1, b, a2])
    expect(r1!.score).toBe(1.0)
    expect(r2!.score).toBe(0.8)
    expect(r3!.score).toBe(0.625) // 0.75 × 0.5^1 + 0.25
    expect(r3!.adjustments).toEqual([
      {
        kind: 'author_diversity',
        before: 1,
        after: 0.625,
        factor: 0.625,
        reason: '2nd post by this author in score order',
      },
    ])
    expect(r1!.adjustments).toEqual([])
  })

  it('counts k by score, not by input order: 1, 0.625, 0.4375, 0.34375', async () => {
    const post = (id: string, s: number) => scored(feedCandidate(id, { authorId: 'a' }), s)
    const out = await run(authorDiversityScorer, [
      post('low', 1),
      post('top', 8),
      post('mid', 4),
      post('next', 2),
    ])
    expect(out.map((c) => c.score)).toEqual([
      1 * 0.34375, // k=3: 0.75×0.125+0.25
      8, // k=0
      4 * 0.625, // k=1
      2 * 0.4375, // k=2: 0.75×0.25+0.25
    ])
  })

  it('leaves unscored candidates alone', async () => {
    const out = await run(authorDiversityScorer, [scored(feedCandidate('1'), undefined)])
    expect(out[0]!.score).toBeUndefined()
  })
})

describe('OutOfNetworkScorer', () => {
  it('applies_oon_discount_to_out_of_network: OON score = IN score × 0.75', async () => {
    const [inNet, oon] = await run(outOfNetworkScorer, [
      scored(feedCandidate('1'), 0.8),
      scored(feedCandidate('2', { inNetwork: false, source: 'phoenix_retrieval' }), 0.8),
    ])
    expect(inNet!.score).toBe(0.8)
    expect(oon!.score).toBeCloseTo(0.6, 15)
    expect(oon!.adjustments[0]).toMatchObject({
      kind: 'out_of_network',
      before: 0.8,
      factor: 0.75,
      reason: 'out of network',
    })
  })

  it('discounts in-network replies and reposts too, unless the toggle is off', async () => {
    const cs = [
      scored(feedCandidate('r', { isReply: true }), 1),
      scored(feedCandidate('p', { isRepost: true }), 1),
    ]
    expect((await run(outOfNetworkScorer, cs)).map((c) => c.score)).toEqual([0.75, 0.75])
    const off = rankingQuery([], rankingParams({ outOfNetwork: { inNetworkRepliesAndReposts: false } }))
    expect((await run(outOfNetworkScorer, cs, off)).map((c) => c.score)).toEqual([1, 1])
  })
})

describe('NewAuthorBoostScorer', () => {
  const newAuthor = {
    authorFollowerCount: 500,
    counts: { favorite: 1, reply: 0, repost: 0, quote: 0, view: 100 },
  }
  /** 20 posts scored 20, 19, …, 1 (position p has score 20 − p); `over` makes some new-author posts. */
  const pool = (over: Record<number, Partial<FeedCandidate>>) =>
    Array.from({ length: 20 }, (_, p) => scored(feedCandidate(`p${p}`, over[p] ?? {}), 20 - p))

  it('lifts the highest-scoring eligible post to the 16th-highest score, and only that one', async () => {
    const out = await run(newAuthorBoostScorer, pool({ 16: newAuthor, 17: newAuthor }))
    expect(out[16]!.score).toBe(5) // position 15's score
    expect(out[16]!.adjustments).toEqual([
      {
        kind: 'new_author_boost',
        before: 4,
        after: 5,
        reason: 'new author: lifted to the 16th-highest score',
      },
    ])
    expect(out[17]!.score).toBe(3)
    expect(out.filter((c) => c.adjustments.length > 0)).toHaveLength(1)
  })

  it('skips replies, reposts, authors over 1000 followers and posts with 1000+ views', async () => {
    const out = await run(
      newAuthorBoostScorer,
      pool({
        10: { ...newAuthor, isReply: true },
        11: { ...newAuthor, isRepost: true },
        12: { ...newAuthor, authorFollowerCount: 1001 },
        13: { ...newAuthor, counts: { ...newAuthor.counts, view: 1000 } },
        16: newAuthor,
      }),
    )
    expect(out.map((c) => c.score)).toEqual([...Array.from({ length: 16 }, (_, p) => 20 - p), 5, 3, 2, 1])
  })

  it('needs the post above the bottom 15% of non-zero scores (position < 0.85 × count)', async () => {
    // 20 non-zero scores: 0.85 × 20 = 17, so position 17 is out.
    const out = await run(newAuthorBoostScorer, pool({ 17: newAuthor }))
    expect(out[17]!.score).toBe(3)
    // With three zero scores at the bottom only 17 are non-zero: 0.85 × 17 = 14.45, position 16 is out too.
    const withZeros = pool({ 16: newAuthor }).map((c, p) => (p >= 17 ? { ...c, score: 0 } : c))
    expect((await run(newAuthorBoostScorer, withZeros))[16]!.score).toBe(4)
  })

  it('changes nothing when the best eligible post already scores above the target, or there is no 16th', async () => {
    const out = await run(newAuthorBoostScorer, pool({ 3: newAuthor, 16: newAuthor }))
    expect(out.map((c) => c.score)).toEqual(Array.from({ length: 20 }, (_, p) => 20 - p))
    const small = pool({ 10: newAuthor }).slice(0, 15)
    expect((await run(newAuthorBoostScorer, small)).map((c) => c.score)).toEqual(small.map((c) => c.score))
  })

  it('applies the treatment arm’s 24 h age rule only when enabled', async () => {
    const old = { ...newAuthor, createdAtMs: rankingQuery().nowMs - 25 * 3_600_000 }
    expect((await run(newAuthorBoostScorer, pool({ 16: old })))[16]!.score).toBe(5)
    const treatment = rankingQuery([], rankingParams({ coldStart: { requireMaxPostAge: true } }))
    expect((await run(newAuthorBoostScorer, pool({ 16: old }), treatment))[16]!.score).toBe(4)
  })
})
