import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { WorldSeed } from '../../shared/types/world-seed.ts'
import { smallWorld } from './seed.fixtures'
import { toBatches } from './seed-batches'

const HOUR = 3_600_000
const any = z.unknown()
const schemas = { account: any, post: any, engagement: any }
const accountShape = z.object({ id: z.string(), followersCount: z.number() })

/** smallWorld plus follow_author engagements: a public author, a protected one, a followed one, oneself. */
function worldWithAuthorFollows(base: number): WorldSeed {
  const world = smallWorld(base)
  const id = (n: number) => String(base + n)
  const protectedPost = {
    id: id(107),
    authorId: id(4),
    text: 'post 107',
    createdAgoMs: 2 * HOUR,
    media: [],
    subscriberOnly: false,
    language: 'en',
    counts: { favorite: 0, reply: 0, repost: 0, quote: 0, view: 0 },
  }
  return {
    ...world,
    posts: [...world.posts, protectedPost],
    engagements: [
      ...world.engagements,
      // Cy follows Ada (author of 106) through the post: a new follow.
      { userId: id(3), postId: id(106), action: 'follow_author', agoMs: HOUR },
      // Twice: one follow.
      { userId: id(3), postId: id(106), action: 'follow_author', agoMs: 0.5 * HOUR },
      // Ada already follows Bob (author of 101) in the graph.
      { userId: id(1), postId: id(101), action: 'follow_author', agoMs: HOUR },
      // Dee is protected: the engagement asks to follow, the owner answers; no follow is sent.
      { userId: id(2), postId: id(107), action: 'follow_author', agoMs: HOUR },
      // On her own post: the rules refuse it, so no self-follow.
      { userId: id(1), postId: id(106), action: 'follow_author', agoMs: HOUR },
    ],
  }
}

describe('toBatches: follow_author engagements', () => {
  const base = 5_000_000
  const id = (n: number) => String(base + n)
  const anchor = 1_790_000_000_000
  const batches = toBatches(worldWithAuthorFollows(base), anchor, schemas)
  const followers = (n: number) =>
    batches.accounts.map((a) => accountShape.parse(a)).find((a) => a.id === id(n))?.followersCount

  it('send the follow they make with the follower’s follows, once', () => {
    const cyFollows = batches.follows.filter(([a]) => a === id(3))
    expect(cyFollows).toEqual([[id(3), id(1)]])
    expect(batches.follows.filter(([a, b]) => a === id(1) && b === id(2))).toHaveLength(1)
  })

  it('count it in the author’s followers', () => {
    // The graph gives Ada Bob and Dee; Cy's follow_author adds the third.
    expect(followers(1)).toBe(3)
    expect(followers(2)).toBe(1)
  })

  it('leave protected authors to the engagement path and make no self-follow', () => {
    expect(batches.follows.some(([a, b]) => a === id(2) && b === id(4))).toBe(false)
    expect(batches.follows.some(([a, b]) => a === b)).toBe(false)
    expect(followers(4)).toBe(0)
  })

  it('keep the follows grouped by follower and the invalid count of the graph', () => {
    const followersInOrder = batches.follows.map(([a]) => a)
    expect(followersInOrder).toEqual([...followersInOrder].sort())
    expect(batches.invalid.follows).toBe(1)
  })
})
