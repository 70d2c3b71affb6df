// §4.3 steps 1–4, worked by hand: terms, sign split, offset and the negative mapping; the gates (vqv
// duration, post_unexplored in-network only) and the bidirectional reply boost; upstream's named tests.
import { describe, expect, it } from 'vitest'
import { DISCRETE_ACTIONS, type DiscreteAction } from '../phoenix/actions.ts'
import { feedCandidate, type Probs } from './ranking.fixtures.ts'
import type { PhoenixPrediction } from './ranking-candidate.ts'
import { DEFAULT_RANKING_PARAMS, RANKED_HEADS, rankingParams } from './ranking-params.ts'
import { weightedScore } from './weighted-score.ts'

const prediction = (probs: Probs, dwellSeconds = 0): PhoenixPrediction => ({
  probs: Object.fromEntries(DISCRETE_ACTIONS.map((a) => [a, probs[a] ?? 0])) as Record<
    DiscreteAction,
    number
  >,
  dwellSeconds,
  engine: 'test',
})

/** Every weight 0 except the given ones: isolates the terms a test is about. */
const onlyWeights = (weights: Partial<Record<(typeof RANKED_HEADS)[number], number>>) =>
  rankingParams({ weights: { ...Object.fromEntries(RANKED_HEADS.map((h) => [h, 0])), ...weights } })

const EXAMPLE: Probs = {
  favorite: 0.2,
  reply: 0.05,
  repost: 0.1,
  click: 0.3,
  share: 0.01,
  follow_author: 0.02,
  vqv: 0.9,
  not_interested: 0.001,
  report: 0.0001,
  not_dwelled: 0.4,
  post_unexplored: 0.5,
}

describe('weightedScore at the upstream defaults', () => {
  const P = DEFAULT_RANKING_PARAMS

  it('sums P × weight by sign and adds the offset (hand-computed)', () => {
    const w = weightedScore(feedCandidate('1'), prediction(EXAMPLE, 12), false, P)
    // fav 0.2×0.5=0.1, reply 0.05×5=0.25, repost 0.1×1=0.1, click 0.3×0.4=0.12, share 0.01×2=0.02,
    // follow 0.02×4=0.08, post_unexplored 0.5×0.02=0.01, dwell_time 12×0.004=0.048 (vqv gated: no video)
    expect(w.positive).toBeCloseTo(0.728, 12)
    // not_interested 0.001×43.2=0.0432, report 0.0001×234=0.0234, not_dwelled 0.4×0.02=0.008
    expect(w.negative).toBeCloseTo(0.0746, 12)
    expect(w.combined).toBeCloseTo(0.6534, 12)
    expect(w.weightedScore).toBeCloseTo(0.6544, 12) // 0.6534 + 0.001
    expect(w.negativeMapped).toBe(false)
    expect(w.heads.find((h) => h.head === 'vqv')).toEqual({
      head: 'vqv',
      value: expect.closeTo(0.9, 6),
      weight: 0.05,
      term: 0,
      gatedBy: 'video_too_short',
    })
    expect(w.heads.find((h) => h.head === 'click_dwell_time')).toMatchObject({
      value: null,
      gatedBy: 'not_predicted',
    })
    expect(w.heads.map((h) => h.head)).toEqual([...RANKED_HEADS])
  })

  it('leaves post_unexplored out for out-of-network posts', () => {
    const w = weightedScore(feedCandidate('1', { inNetwork: false }), prediction(EXAMPLE, 12), false, P)
    expect(w.weightedScore).toBeCloseTo(0.6444, 12) // 0.6544 − 0.5×0.02
    expect(w.heads.find((h) => h.head === 'post_unexplored')).toMatchObject({
      term: 0,
      gatedBy: 'out_of_network',
    })
  })

  it('counts vqv only for videos of at least 10 s', () => {
    const video = (ms: number) => feedCandidate('v', { media: 'video', videoDurationMs: ms })
    const long = weightedScore(video(10_000), prediction(EXAMPLE, 12), false, P)
    const short = weightedScore(video(9_999), prediction(EXAMPLE, 12), false, P)
    expect(long.weightedScore).toBeCloseTo(0.6994, 12) // 0.6544 + 0.9×0.05
    expect(short.weightedScore).toBeCloseTo(0.6544, 12)
  })

  it('adds the +15 bidirectional reply boost for mutual follows on non-reply, non-repost posts only', () => {
    const boosted = weightedScore(feedCandidate('1'), prediction(EXAMPLE, 12), true, P)
    expect(boosted.replyBoosted).toBe(true)
    expect(boosted.weightedScore).toBeCloseTo(1.4044, 12) // reply 0.05×(5+15)=1.0 instead of 0.25
    const quote = weightedScore(feedCandidate('q', { isQuote: true }), prediction(EXAMPLE, 12), true, P)
    expect(quote.weightedScore).toBeCloseTo(1.4044, 12)
    for (const kind of [{ isReply: true }, { isRepost: true }]) {
      const w = weightedScore(feedCandidate('r', kind), prediction(EXAMPLE, 12), true, P)
      expect(w.replyBoosted).toBe(false)
      expect(w.weightedScore).toBeCloseTo(0.6544, 12)
    }
  })

  it('maps a negative combined score into (0, 0.001)', () => {
    const w = weightedScore(feedCandidate('1'), prediction({ favorite: 0.2, report: 0.01 }), false, P)
    // 0.1 − 2.34 = −2.24 → (−2.24 + 367.22) / 410.54 × 0.001
    expect(w.combined).toBeCloseTo(-2.24, 12)
    expect(w.negativeMapped).toBe(true)
    expect(w.weightedScore).toBeCloseTo(0.000889024212, 12)
    // Worst case (every negative head certain) maps to 0; any non-negative score is above the offset.
    const worst = weightedScore(
      feedCandidate('1'),
      prediction({ not_interested: 1, block_author: 1, mute_author: 1, report: 1, not_dwelled: 1 }),
      false,
      P,
    )
    expect(worst.weightedScore).toBeCloseTo(0, 12)
    const zero = weightedScore(feedCandidate('1'), prediction({}), false, P)
    expect(zero.weightedScore).toBe(0.001)
    expect(w.weightedScore).toBeLessThan(zero.weightedScore)
  })
})

describe('upstream ranking_scorer.rs named tests', () => {
  it('video_open_head_is_weighted_into_score: delta = 0.3 × 0.4', () => {
    const P = onlyWeights({ favorite: 1, video_open: 0.4 })
    const base = weightedScore(feedCandidate('1'), prediction({ favorite: 1 }), false, P)
    const withOpen = weightedScore(feedCandidate('1'), prediction({ favorite: 1, video_open: 0.3 }), false, P)
    expect(base.weightedScore).toBeCloseTo(1.001, 12)
    expect(withOpen.weightedScore - base.weightedScore).toBeCloseTo(0.12, 6) // float32 0.3 × 0.4
  })

  it('post_unexplored_additive_when_multiplicative_disabled: 1 + 0.001, then 1 + 0.6 + 0.001', () => {
    const P = onlyWeights({ favorite: 1, post_unexplored: 0.6 })
    const base = weightedScore(feedCandidate('1'), prediction({ favorite: 1 }), false, P)
    const withTerm = weightedScore(
      feedCandidate('1'),
      prediction({ favorite: 1, post_unexplored: 1 }),
      false,
      P,
    )
    expect(base.weightedScore).toBeCloseTo(1.001, 12)
    expect(withTerm.weightedScore).toBeCloseTo(1.601, 12)
  })

  it('with every discrete weight 0 the score is max(combined, 0), without the offset', () => {
    const up = weightedScore(
      feedCandidate('1'),
      prediction({}, 10),
      false,
      onlyWeights({ dwell_time: 0.004 }),
    )
    expect(up.weightedScore).toBeCloseTo(0.04, 12) // 10 s × 0.004
    const down = weightedScore(
      feedCandidate('1'),
      prediction({}, 10),
      false,
      onlyWeights({ dwell_time: -0.01 }),
    )
    expect(down.weightedScore).toBe(0)
  })
})
