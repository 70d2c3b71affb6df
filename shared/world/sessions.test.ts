import { describe, expect, it } from 'vitest'
import { DISCRETE_ACTIONS, DISCRETE_INDEX as I } from '../phoenix/actions.ts'
import { MAX_CANDIDATES, MIN_CANDIDATES } from './candidates.ts'
import { PRESETS } from './config.ts'
import { MAX_HISTORY, MIN_HISTORY, type Session, sampleSessions } from './sessions.ts'
import { EXPECTED_DWELL_INDEX, TRUTH_LENGTH } from './truth.ts'
import { testSampler, testWorld } from './world.fixtures.ts'

const ALL_BITS = (1 << DISCRETE_ACTIONS.length) - 1
const has = (mask: number, action: number) => ((mask >>> action) & 1) === 1

describe('sessions (small preset)', () => {
  const w = testWorld()
  const sampler = testSampler()
  const train = [...sampler.sessions('train', 400)]
  const evalSessions = [...sampler.sessions('eval', 200)]
  const { cutoffMs } = sampler.split

  it('is reproducible per (seed, split, index)', () => {
    const again = sampleSessions(w, { split: 'train', count: 5, splitConfig: PRESETS.small.split })
    expect(again).toEqual(train.slice(0, 5))
  })

  it('keeps held-out users and posts created after the cutoff out of training', () => {
    const heldOut = new Set(sampler.split.heldOutUsers)
    expect(heldOut.size).toBeGreaterThan(0.08 * w.accounts.length)
    for (const s of train) {
      expect(heldOut.has(s.viewer)).toBe(false)
      expect(s.servedAtMs).toBeLessThan(cutoffMs)
      for (const h of s.history) expect(w.posts[h.post]!.createdAtMs).toBeLessThan(cutoffMs)
      for (const c of s.candidates) expect(w.posts[c.post]!.createdAtMs).toBeLessThan(cutoffMs)
    }
    for (const s of evalSessions) expect(s.servedAtMs).toBeGreaterThanOrEqual(cutoffMs)
    const evalHeldOut = evalSessions.filter((s) => heldOut.has(s.viewer)).length
    expect(evalHeldOut / evalSessions.length).toBeGreaterThan(0.35)
    const candidates = evalSessions.flatMap((s) => s.candidates)
    const fresh = candidates.filter((c) => w.posts[c.post]!.createdAtMs >= cutoffMs).length
    expect(fresh / candidates.length).toBeGreaterThan(0.25)
  })

  it('builds histories of past engagements, oldest first, with the length mix', () => {
    const buckets = [0, 0, 0]
    const problems: string[] = []
    for (const s of [...train, ...evalSessions]) {
      if (s.history.length < MIN_HISTORY || s.history.length > MAX_HISTORY) problems.push('length')
      buckets[s.history.length < 32 ? 0 : s.history.length < 96 ? 1 : 2]! += 1
      let previous = 0
      for (const h of s.history) {
        const p = w.posts[h.post]!
        if (h.engagedAtMs <= previous || h.engagedAtMs >= s.servedAtMs) problems.push('engagement time')
        if (p.createdAtMs >= h.engagedAtMs) problems.push('post created after engagement')
        if (p.authorIndex === s.viewer) problems.push('own post')
        if (h.actions <= 0 || (h.actions & ~ALL_BITS) !== 0 || has(h.actions, I.not_dwelled))
          problems.push('actions')
        if (h.surface < 0 || h.surface > 15) problems.push('surface')
        if (h.dwellSeconds < 0 || h.dwellSeconds > 30) problems.push('dwell')
        previous = h.engagedAtMs
      }
    }
    expect(problems.slice(0, 5)).toEqual([])
    const n = train.length + evalSessions.length
    // 30% / 50% / 20%, with room for sampling noise over 600 sessions.
    expect(buckets[0]! / n).toBeGreaterThan(0.22)
    expect(buckets[0]! / n).toBeLessThan(0.38)
    expect(buckets[1]! / n).toBeGreaterThan(0.42)
    expect(buckets[1]! / n).toBeLessThan(0.58)
    expect(buckets[2]! / n).toBeGreaterThan(0.12)
    const surfaces = train.flatMap((s) => s.history.map((h) => h.surface))
    expect(surfaces.filter((x) => x === 1).length / surfaces.length).toBeCloseTo(0.85, 1)
  })

  it('draws 8–64 unique candidates, about half in network, none already engaged or own', () => {
    let inNetwork = 0
    let total = 0
    const problems: string[] = []
    for (const s of train) {
      expect(s.candidates.length).toBeGreaterThanOrEqual(MIN_CANDIDATES)
      expect(s.candidates.length).toBeLessThanOrEqual(MAX_CANDIDATES)
      const posts = s.candidates.map((c) => c.post)
      expect(new Set(posts).size).toBe(posts.length)
      const engaged = new Set(s.history.map((h) => h.post))
      for (const c of s.candidates) {
        const p = w.posts[c.post]!
        if (p.createdAtMs >= s.servedAtMs) problems.push('created after serve')
        if (p.authorIndex === s.viewer || p.subscriberOnly || engaged.has(c.post)) problems.push('ineligible')
        if (c.inNetwork !== w.follows.follows(s.viewer, p.authorIndex)) problems.push('inNetwork')
        if (has(c.labels, I.dwell) === has(c.labels, I.not_dwelled)) problems.push('dwell xor not_dwelled')
        if (has(c.labels, I.dwell) !== c.dwellSeconds >= 8) problems.push('dwell threshold')
        if (c.truth !== undefined) problems.push('truth in train')
        if (c.inNetwork) inNetwork++
        total++
      }
    }
    expect(problems.slice(0, 5)).toEqual([])
    expect(inNetwork / total).toBeGreaterThan(0.25)
    expect(inNetwork / total).toBeLessThan(0.6)
  })

  it('attaches the truth to eval candidates only', () => {
    for (const s of evalSessions) {
      for (const c of s.candidates) {
        expect(c.truth).toHaveLength(TRUTH_LENGTH)
        expect(c.truth![EXPECTED_DWELL_INDEX]).toBeGreaterThan(0)
      }
    }
  })
})

describe('label rates (default preset)', () => {
  const sampler = testSampler('default', 20260721)
  const sessions: Session[] = [...sampler.sessions('train', 900), ...sampler.sessions('eval', 300)]
  const candidates = sessions.flatMap((s) => s.candidates)
  const rate = (action: keyof typeof I) =>
    candidates.filter((c) => has(c.labels, I[action])).length / candidates.length

  it.each([
    ['favorite', 0.08, 0.15],
    ['click', 0.07, 0.13],
    ['dwell', 0.3, 0.45],
    ['repost', 0.02, 0.04],
    ['reply', 0.015, 0.03],
    ['quote', 0.005, 0.01],
    ['share', 0.003, 0.02],
    ['follow_author', 0.003, 0.03],
    ['profile_click', 0.005, 0.05],
    ['not_interested', 0.01, 0.03],
    ['mute_author', 0.003, 0.01],
    ['block_author', 0.002, 0.008],
    ['report', 0.001, 0.005],
    ['post_unexplored', 0.003, 0.04],
  ] as const)('%s rate is within [%f, %f]', (action, lo, hi) => {
    expect(rate(action)).toBeGreaterThan(lo)
    expect(rate(action)).toBeLessThan(hi)
  })

  it('samples labels at the truth’s rates (eval candidates, within 4 binomial sd)', () => {
    const evalCandidates = sessions.slice(900).flatMap((s) => s.candidates)
    for (const action of ['favorite', 'dwell', 'click', 'repost', 'reply', 'not_interested'] as const) {
      let expected = 0
      let variance = 0
      let observed = 0
      for (const c of evalCandidates) {
        const p = c.truth![I[action]]!
        expected += p
        variance += p * (1 - p)
        if (has(c.labels, I[action])) observed++
      }
      expect(Math.abs(observed - expected)).toBeLessThan(4 * Math.sqrt(variance))
    }
  })

  it('shows viewers’ preferences in their histories', () => {
    let onTopic = 0
    let total = 0
    for (const s of sessions) {
      const viewer = sampler.world.accounts[s.viewer]!
      for (const h of s.history) {
        const p = sampler.world.posts[h.post]!
        if (viewer.pref[p.topic]! > 0) onTopic++
        total++
      }
    }
    expect(onTopic / total).toBeGreaterThan(0.75)
  })
})
