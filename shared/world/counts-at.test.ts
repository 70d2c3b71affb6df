import { describe, expect, it } from 'vitest'
import { HOUR_MS } from './config.ts'
import { countShare, countsAt, SERVED_COUNT_KEYS } from './counts-at.ts'
import { sessionLine } from './export-lines.ts'
import { testSampler, testWorld } from './world.fixtures.ts'

describe('countShare', () => {
  it('is the ramp 1 − exp(−age / 6 h) at the moment over the ramp at now', () => {
    // created at 0, now 12 h: at 6 h the ramp is 1 − e^−1 = 0.63212, at 12 h 1 − e^−2 = 0.86466.
    expect(countShare(0, 12 * HOUR_MS, 6 * HOUR_MS)).toBeCloseTo(0.63212 / 0.86466, 4)
    expect(countShare(0, 12 * HOUR_MS, 12 * HOUR_MS)).toBe(1)
    expect(countShare(0, 12 * HOUR_MS, 20 * HOUR_MS)).toBe(1)
    expect(countShare(5 * HOUR_MS, 12 * HOUR_MS, 4 * HOUR_MS)).toBe(0)
  })
})

describe('countsAt (small preset)', () => {
  const w = testWorld()
  const sessions = [...testSampler().sessions('eval', 60), ...testSampler().sessions('train', 60)]
  const candidates = sessions.flatMap((s) =>
    s.candidates.map((c) => ({ post: w.posts[c.post]!, at: s.servedAtMs })),
  )

  it('never exceeds the counts at the world now, and is below them for young candidates', () => {
    let lower = 0
    for (const { post, at } of candidates) {
      const served = countsAt(w, post, at)
      const now = post.counts
      for (const k of SERVED_COUNT_KEYS) expect(served[k]).toBeLessThanOrEqual(now[k])
      if (served.view < now.view) lower++
    }
    // Before world@2 the features saw the counts at now for every candidate: this share was 0.
    expect(lower / candidates.length).toBeGreaterThan(0.2)
  })

  it('counts the in-world replies that exist at the serve time, and none created later', () => {
    const replyTimes = new Map<number, number[]>()
    for (const p of w.posts)
      if (p.replyTo >= 0) replyTimes.set(p.replyTo, [...(replyTimes.get(p.replyTo) ?? []), p.createdAtMs])
    let checked = 0
    for (const { post, at } of candidates) {
      const src = post.repostOf >= 0 ? w.posts[post.repostOf]! : post
      const times = replyTimes.get(src.index) ?? []
      const before = times.filter((t) => t < at).length
      expect(countsAt(w, post, at).reply).toBeGreaterThanOrEqual(before)
      if (times.length > 0) checked++
    }
    expect(checked).toBeGreaterThan(0)
  })

  it('equals the counts at now from the world now on', () => {
    const p = w.posts.find((x) => x.repostOf < 0)!
    expect(countsAt(w, p, w.nowMs)).toEqual(p.counts)
  })

  it('is what each exported session candidate carries', () => {
    const s = sessions[0]!
    const line = JSON.parse(sessionLine(w, s))
    s.candidates.forEach((c, i) => {
      const counts = countsAt(w, w.posts[c.post]!, s.servedAtMs)
      expect(line.candidates[i][4]).toEqual(SERVED_COUNT_KEYS.map((k) => counts[k]))
    })
  })
})
