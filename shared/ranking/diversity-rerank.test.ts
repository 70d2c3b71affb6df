// The greedy DPP and the diversity-rerank scorer: near-duplicates lose to diverse posts, θ trades score
// against similarity, missing embeddings count as orthogonal, the window and the zeroing of the unpicked.
import { describe, expect, it } from 'vitest'
import type { ComponentContext } from '../pipeline/stage-types.ts'
import { diversityRerankScorer } from './diversity-rerank.scorer.ts'
import { greedyDpp, unitEmbedding } from './greedy-dpp.ts'
import { feedCandidate, rankingQuery, scored } from './ranking.fixtures.ts'
import { applyScoreUpdate, type RankingCandidate, type ScoreUpdate } from './ranking-candidate.ts'
import { rankingParams } from './ranking-params.ts'

const unit = (v: number[]) => unitEmbedding(v, v.length)
// cos(e1, nearE1) = 0.99; e2 is orthogonal to both.
const e1 = [1, 0, 0]
const nearE1 = [0.99, Math.sqrt(1 - 0.99 ** 2), 0]
const e2 = [0, 0, 1]

describe('greedyDpp', () => {
  it('picks a diverse item over a higher-scored near-duplicate at θ = 0.65', () => {
    const items = [
      { relevance: 1, embedding: unit(e1) },
      { relevance: 0.95, embedding: unit(nearE1) },
      { relevance: 0.6, embedding: unit(e2) },
    ]
    // After the first pick: near-dup d² = exp(2α·0.95)·(1 − 0.99²) ≈ 5.84 × 0.0199 ≈ 0.116,
    // the diverse one exp(2α·0.6)·1 ≈ 3.05, with α = 0.65 / (2 × 0.35) ≈ 0.929.
    const sel = greedyDpp(items, 0.65, 2)
    expect(sel.order).toEqual([0, 2])
    expect(sel.residual[0]).toBeCloseTo(1, 12)
    expect(sel.residual[1]).toBeCloseTo(1, 12)
    // Picking all three, the near-duplicate comes last with 1 − 0.99² of itself left novel.
    const all = greedyDpp(items, 0.65, 3)
    expect(all.order).toEqual([0, 2, 1])
    expect(all.residual[2]).toBeCloseTo(1 - 0.99 ** 2, 9)
  })

  it('lets score win when θ is close to 1', () => {
    const items = [
      { relevance: 1, embedding: unit(e1) },
      { relevance: 0.95, embedding: unit(nearE1) },
      { relevance: 0.6, embedding: unit(e2) },
    ]
    expect(greedyDpp(items, 0.99, 2).order).toEqual([0, 1])
  })

  it('treats items without an embedding as orthogonal to everything', () => {
    const sel = greedyDpp(
      [
        { relevance: 1, embedding: unit(e1) },
        { relevance: 0.9, embedding: null },
        { relevance: 0.8, embedding: null },
      ],
      0.65,
      3,
    )
    expect(sel.order).toEqual([0, 1, 2])
    expect(sel.residual).toEqual([1, 1, 1])
  })

  it('stops when the rest are exact duplicates of picked items', () => {
    const sel = greedyDpp(
      [
        { relevance: 1, embedding: unit(e1) },
        { relevance: 0.9, embedding: unit([2, 0, 0]) },
      ],
      0.65,
      2,
    )
    expect(sel.order).toEqual([0])
  })

  it('rejects θ outside [0, 1)', () => {
    expect(() => greedyDpp([], 1, 1)).toThrow(RangeError)
  })
})

describe('unitEmbedding', () => {
  it('normalises, and refuses empty, zero, non-finite or wrongly sized vectors', () => {
    expect(Array.from(unitEmbedding([3, 4], 2)!)).toEqual([0.6, 0.8])
    expect(unitEmbedding([], 0)).toBeNull()
    expect(unitEmbedding([0, 0], 2)).toBeNull()
    expect(unitEmbedding([Number.NaN, 1], 2)).toBeNull()
    expect(unitEmbedding([1, 2, 3], 2)).toBeNull()
    expect(unitEmbedding(undefined, 2)).toBeNull()
  })
})

describe('DiversityRerankScorer', () => {
  async function rerank(cs: RankingCandidate[], over: Parameters<typeof rankingParams>[0] = {}) {
    const q = rankingQuery([], rankingParams(over))
    const out = await diversityRerankScorer.score(q, cs, {} as ComponentContext)
    return cs.map((c, i) => applyScoreUpdate(c, out[i] as ScoreUpdate))
  }
  const post = (id: string, score: number | undefined, embedding?: number[]) =>
    scored(feedCandidate(id, embedding ? { embedding } : {}), score)

  it('keeps the picked posts’ scores and zeroes the near-duplicate it left out', async () => {
    const out = await rerank([post('a', 2, e1), post('dup', 1.9, nearE1), post('b', 1.2, e2)], {
      diversityRerank: { slateSize: 2 },
    })
    expect(out.map((c) => c.score)).toEqual([2, 0, 1.2])
    expect(out[1]!.adjustments).toEqual([
      {
        kind: 'diversity_rerank',
        before: 1.9,
        after: 0,
        reason: "the diversity rerank's slate of 2 filled with more relevant or more novel posts",
      },
    ])
    expect(out[2]!.adjustments[0]).toMatchObject({
      before: 1.2,
      after: 1.2,
      reason: expect.stringMatching(/^picked 2nd/),
    })
  })

  it('zeroes everything below the top maxSelectedRank and leaves unscored candidates alone', async () => {
    const out = await rerank([post('c', 1, e2), post('a', 3, e1), post('none', undefined), post('b', 2)], {
      diversityRerank: { maxSelectedRank: 2 },
    })
    expect(out.map((c) => c.score)).toEqual([0, 3, undefined, 2])
    expect(out[0]!.adjustments[0]!.reason).toBe('below the top 2 the diversity rerank considers')
    expect(out[2]!.adjustments).toEqual([])
  })

  it('zeroes an exact duplicate even when the slate has room', async () => {
    const out = await rerank([post('a', 2, e1), post('copy', 1.5, [5, 0, 0]), post('b', 1, e2)])
    expect(out.map((c) => c.score)).toEqual([2, 0, 1])
    expect(out[1]!.adjustments[0]!.reason).toBe(
      'not picked by the diversity rerank: too similar to posts already picked',
    )
  })
})
