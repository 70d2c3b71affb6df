// Pins upstream home-mixer's defaults (x-algorithm-facts §4.1, §4.2, §7) and the derived sums of §4.3.
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_RANKING_PARAMS,
  DEFAULT_WEIGHT_SUMS,
  RANKED_HEADS,
  rankingParams,
  weightSums,
} from './ranking-params.ts'

describe('ranking params', () => {
  it('name the 26 heads in upstream order, with retweet as our repost', () => {
    expect(RANKED_HEADS).toEqual([
      'favorite',
      'reply',
      'repost',
      'photo_expand',
      'video_open',
      'click',
      'open_link',
      'profile_click',
      'vqv',
      'share',
      'share_via_dm',
      'share_via_copy_link',
      'dwell',
      'quote',
      'quoted_click',
      'quoted_vqv',
      'dwell_time',
      'click_dwell_time',
      'active_secs_5m_residual_norm',
      'follow_author',
      'not_interested',
      'block_author',
      'mute_author',
      'report',
      'not_dwelled',
      'post_unexplored',
    ])
  })

  it('pin the upstream weights', () => {
    expect(DEFAULT_RANKING_PARAMS.weights).toEqual({
      favorite: 0.5,
      reply: 5,
      repost: 1,
      photo_expand: 0.05,
      video_open: 0.05,
      click: 0.4,
      open_link: 0.2,
      profile_click: 0,
      vqv: 0.05,
      share: 2,
      share_via_dm: 5,
      share_via_copy_link: 20,
      dwell: 0,
      quote: 5,
      quoted_click: 0.05,
      quoted_vqv: 0,
      dwell_time: 0.004,
      click_dwell_time: 0,
      active_secs_5m_residual_norm: 0,
      follow_author: 4,
      not_interested: -43.2,
      block_author: -31.2,
      mute_author: -58.8,
      report: -234,
      not_dwelled: -0.02,
      post_unexplored: 0.02,
    })
  })

  it('pin the upstream scalar params', () => {
    const p = DEFAULT_RANKING_PARAMS
    expect(p.bidirectionalReplyBoost).toBe(15)
    expect(p.bidirectionalDwellBoost).toBe(0)
    expect(p.negativeScoresOffset).toBe(0.001)
    expect(p.minVideoDurationMs).toBe(10_000)
    expect(p.postUnexploredInNetworkOnly).toBe(true)
    expect(p.coldStart).toEqual({
      enabled: true,
      impressionThreshold: 1000,
      slotMin: 15,
      slotMax: 16,
      followerCap: 1000,
      requireMaxPostAge: false,
      maxPostAgeSecs: 86_400,
      maxPositionRatio: 0.85,
    })
    expect(p.authorDiversity).toEqual({ enabled: true, decay: 0.5, floor: 0.25 })
    expect(p.outOfNetwork).toEqual({ factor: 0.75, inNetworkRepliesAndReposts: true })
    expect(p.diversityRerank).toEqual({ enabled: true, theta: 0.65, maxSelectedRank: 150, slateSize: 50 })
    expect(p.safetyLevel).toBe('timeline_home_recommendations')
    expect([p.topK, p.resultSize]).toEqual([50, 35])
    expect(p.version).toMatch(/^home-mixer-625f9e30\//)
  })

  it('derive positive 43.32, negative 367.22 and total 410.54 (continuous weights excluded)', () => {
    // 0.5+5+1+0.05+0.05+0.4+0.2+0+0.05+2+5+20+0+5+0.05+0+4+0.02 = 43.32
    expect(DEFAULT_WEIGHT_SUMS.positive).toBeCloseTo(43.32, 10)
    // 43.2+31.2+58.8+234+0.02 = 367.22
    expect(DEFAULT_WEIGHT_SUMS.negative).toBeCloseTo(367.22, 10)
    expect(DEFAULT_WEIGHT_SUMS.total).toBeCloseTo(410.54, 10)
    // dwell_time's 0.004 is not in the sums: raising it leaves them alone.
    expect(weightSums({ ...DEFAULT_RANKING_PARAMS.weights, dwell_time: 9 }).positive).toBeCloseTo(43.32, 10)
  })

  it('derive overridden sets field by field without touching the defaults', () => {
    const p = rankingParams({ version: 'exp', weights: { favorite: 1 }, outOfNetwork: { factor: 0.5 } })
    expect(p.weights.favorite).toBe(1)
    expect(p.weights.reply).toBe(5)
    expect(p.outOfNetwork).toEqual({ factor: 0.5, inNetworkRepliesAndReposts: true })
    expect(DEFAULT_RANKING_PARAMS.weights.favorite).toBe(0.5)
    expect(weightSums(p.weights).positive).toBeCloseTo(43.82, 10)
  })
})
