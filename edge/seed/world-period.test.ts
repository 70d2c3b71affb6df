import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { smallWorld } from './seed.fixtures'
import { toBatches } from './seed-batches'
import { copyId, liveCopy, WORLD_PERIOD_MS } from './world-period'

const HOUR = 3_600_000
const any = z.unknown()
const schemas = { account: any, post: any, engagement: any }
const postShape = z.object({ id: z.string(), createdAt: z.number(), replyToId: z.string().optional() })
const engagementShape = z.object({ postId: z.string(), at: z.number(), key: z.string() })

describe('the world repeats every 48 h', () => {
  const world = smallWorld(3_000_000)
  const anchor = 1_790_000_000_000

  it('at the anchor every post is its seed copy, with the seed id', () => {
    const posts = toBatches(world, anchor, schemas).posts.map((p) => postShape.parse(p))
    expect(posts.map((p) => p.id).sort()).toEqual(world.posts.map((p) => p.id).sort())
    expect(posts.map((p) => p.createdAt)).toEqual([...posts.map((p) => p.createdAt)].sort((a, b) => a - b))
  })

  it('at any later time each seed post has exactly one copy inside (now − 48 h, now]', () => {
    for (let h = 0; h <= 200; h += 7) {
      const now = anchor + h * HOUR
      const posts = toBatches(world, now, schemas, anchor).posts.map((p) => postShape.parse(p))
      expect(posts).toHaveLength(world.posts.length)
      for (const p of posts) {
        expect(p.createdAt).toBeLessThanOrEqual(now)
        expect(p.createdAt).toBeGreaterThan(now - WORLD_PERIOD_MS)
      }
    }
  })

  it('gives copy k of a post its seed id moved k periods on, and keeps replies in their copy', () => {
    const seedId = world.posts[0]?.id ?? ''
    expect(copyId(seedId, 0)).toBe(seedId)
    expect(BigInt(copyId(seedId, 2)) - BigInt(seedId)).toBe(BigInt(2 * WORLD_PERIOD_MS) << 22n)
    // 30 h on: 103 (a 1 h old reply to 101, 30 h old) is copy 0 and still points at 101's copy 0.
    const posts = toBatches(world, anchor + 30 * HOUR, schemas, anchor).posts.map((p) => postShape.parse(p))
    const reply = posts.find((p) => p.id === '3000103')
    expect(reply?.replyToId).toBe('3000101')
    expect(posts.some((p) => p.id === copyId('3000101', 1))).toBe(true)
    // 50 h on, both are copy 1.
    const later = toBatches(world, anchor + 50 * HOUR, schemas, anchor).posts.map((p) => postShape.parse(p))
    expect(later.find((p) => p.id === copyId('3000103', 1))?.replyToId).toBe(copyId('3000101', 1))
  })

  it('sends an engagement with its post’s live copy, and not before it happened in that copy', () => {
    const at = (now: number) =>
      toBatches(world, now, schemas, anchor).engagements.map((e) => engagementShape.parse(e))
    expect(at(anchor).map((e) => e.key)).toEqual(
      expect.arrayContaining(['seed:3000000:0', 'seed:3000000:1', 'seed:3000000:2']),
    )
    // 30 h on, 101's live copy is copy 1 (18 h from now); the favorite on it (1 h after the anchor in copy 0,
    // so 47 h after it in copy 1) has not happened yet.
    expect(at(anchor + 30 * HOUR).some((e) => e.postId === copyId('3000101', 1))).toBe(false)
    const later = at(anchor + 48 * HOUR)
    expect(later.find((e) => e.postId === copyId('3000101', 1))).toMatchObject({
      at: anchor - HOUR + WORLD_PERIOD_MS,
      key: 'seed:3000000:0:1',
    })
  })

  it('picks the live copy by the item’s own phase', () => {
    expect(liveCopy(anchor, 10 * HOUR, anchor)).toBe(0)
    expect(liveCopy(anchor, 10 * HOUR, anchor + 38 * HOUR)).toBe(1)
    expect(liveCopy(anchor, 10 * HOUR, anchor + 38 * HOUR - 1)).toBe(0)
  })
})
