import { describe, expect, it } from 'vitest'
import { ENGAGEMENTS_PER_POST, type PoolPost, planTick } from './clock-plan'

const pool: PoolPost[] = Array.from({ length: 12 }, (_, i) => ({
  id: String(1000 + i),
  authorId: String(1 + (i % 4)),
  text: `word${i} topic${i % 3} and some more words for post ${i}`,
}))

describe('planTick', () => {
  it('is the same plan for the same seed, tick and pool, whatever order the pool came in', () => {
    const a = planTick(42, 3, 5, pool)
    expect(planTick(42, 3, 5, [...pool].reverse())).toEqual(a)
    expect(a.posts).toHaveLength(5)
  })

  it('differs for another seed or another tick', () => {
    const a = planTick(42, 3, 5, pool)
    expect(planTick(43, 3, 5, pool)).not.toEqual(a)
    expect(planTick(42, 4, 5, pool)).not.toEqual(a)
  })

  it('uses only the pool’s users and posts, and nobody engages with or replies to themselves', () => {
    const plan = planTick(9, 0, 40, pool)
    const authorOf = new Map(pool.map((p) => [p.id, p.authorId]))
    const users = new Set(pool.map((p) => p.authorId))
    for (const p of plan.posts) {
      expect(users.has(p.authorId)).toBe(true)
      if (p.replyToId !== undefined) expect(authorOf.get(p.replyToId)).not.toBe(p.authorId)
      expect(p.text.length).toBeGreaterThan(0)
      expect([...p.text].length).toBeLessThanOrEqual(280)
    }
    expect(plan.posts.some((p) => p.replyToId !== undefined)).toBe(true)
    expect(plan.engagements.length).toBeGreaterThan(0)
    expect(plan.engagements.length).toBeLessThanOrEqual(40 * ENGAGEMENTS_PER_POST)
    for (const e of plan.engagements) expect(authorOf.get(e.postId)).not.toBe(e.userId)
  })

  it('plans nothing without a quota or without posts to learn users from', () => {
    expect(planTick(1, 0, 0, pool)).toEqual({ posts: [], engagements: [] })
    expect(planTick(1, 0, 5, [])).toEqual({ posts: [], engagements: [] })
  })
})
