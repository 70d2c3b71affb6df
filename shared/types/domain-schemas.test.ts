// The boundary shapes are derived from one schema per concept: these pin which fields each variant has
// and that a rule of the concept (an id's form, a handle's form) holds at every boundary that carries it.
import { describe, expect, it } from 'vitest'
import { ingestEngagementSchema } from './api/admin.ts'
import { createPostBody, ingestPostSchema, postViewSchema } from './api/posts.ts'
import { inNetworkPostSchema, thunderPostInputSchema } from './api/thunder.ts'
import {
  createUserBody,
  engagementInputSchema,
  ingestAccountSchema,
  patchUserBody,
  userViewSchema,
} from './api/users.ts'
import { postSchema } from './post.ts'
import { seedAccountSchema, seedEngagementSchema, seedPostSchema, worldSeedSchema } from './world-seed.ts'

const keys = (schema: { shape: object }) => Object.keys(schema.shape).sort()

const post = {
  id: '1900000000000000001',
  authorId: '1800000000000000001',
  text: 'hello',
  createdAt: 1_750_000_000_000,
  conversationId: '1900000000000000001',
  media: [],
  subscriberOnly: false,
  language: 'en',
  counts: { favorite: 0, reply: 0, repost: 0, quote: 0, view: 0 },
}

describe('post variants', () => {
  it('views carry every post field plus the availability of the quoted and parent posts; seeds drop the derived author ids and use a relative time', () => {
    expect(keys(postViewSchema)).toEqual([...keys(postSchema), 'parent', 'quoted'].sort())
    expect(keys(seedPostSchema)).toEqual([
      'authorId',
      'conversationId',
      'counts',
      'createdAgoMs',
      'id',
      'language',
      'media',
      'quoteOfId',
      'replyToId',
      'repostOfId',
      'subscriberOnly',
      'text',
    ])
  })

  it('a create body fills the defaults and leaves id, author and time to the server', () => {
    expect(createPostBody.parse({ text: 'hi' })).toEqual({
      text: 'hi',
      media: [],
      subscriberOnly: false,
      language: 'und',
    })
  })

  it('request bodies reject unknown fields, and ingest requires what create may omit', () => {
    const unknown = createPostBody.safeParse({ text: 'hi', conversationId: post.id })
    expect(unknown.success).toBe(false)
    const ingest = ingestPostSchema.safeParse({ text: 'hi' })
    expect(ingest.error?.issues.map((i) => i.path[0]).sort()).toEqual(['authorId', 'createdAt', 'id'])
  })

  it('the post id rule holds in the view, the Thunder input and the in-network view', () => {
    expect(postViewSchema.safeParse(post).success).toBe(true)
    expect(postViewSchema.safeParse({ ...post, id: '007' }).success).toBe(false)
    const compact = { postId: '007', authorId: post.authorId, createdAt: post.createdAt }
    expect(thunderPostInputSchema.safeParse({ ...compact, hasVideo: false }).success).toBe(false)
    expect(
      inNetworkPostSchema.safeParse({ ...compact, kind: 'original', videoEligible: false }).success,
    ).toBe(false)
    const valid = { ...compact, postId: post.id, hasVideo: false }
    expect(thunderPostInputSchema.safeParse(valid).success).toBe(true)
  })
})

describe('account variants', () => {
  const account = { id: '1800000000000000001', handle: 'ada', displayName: 'Ada', createdAt: post.createdAt }

  it('create, ingest and seed share the handle rule', () => {
    const bad = { ...account, handle: 'not a handle' }
    expect(createUserBody.safeParse(bad).success).toBe(false)
    expect(ingestAccountSchema.safeParse(bad).success).toBe(false)
    const { createdAt: _, ...rest } = bad
    expect(
      seedAccountSchema.safeParse({ ...rest, protected: false, subscriptionTier: 'none', createdAgoMs: 1 })
        .success,
    ).toBe(false)
  })

  it('ingest applies the profile defaults; a patch may not touch id or creation time', () => {
    expect(ingestAccountSchema.parse(account)).toEqual({
      ...account,
      protected: false,
      subscriptionTier: 'none',
      nsfw: false,
    })
    expect(patchUserBody.safeParse({ createdAt: post.createdAt }).success).toBe(false)
    expect(keys(userViewSchema)).toEqual([
      'createdAt',
      'displayName',
      'followersCount',
      'followingCount',
      'handle',
      'id',
      'nsfw',
      'protected',
      'subscriptionTier',
    ])
  })
})

describe('engagement variants', () => {
  it('the user API takes loggable actions only; admin ingest and the seed take any', () => {
    const base = { postId: post.id, action: 'not_dwelled', dwellMs: 10 }
    expect(engagementInputSchema.safeParse(base).success).toBe(false)
    const ingest = { ...base, userId: post.authorId, at: post.createdAt }
    expect(ingestEngagementSchema.safeParse(ingest).success).toBe(true)
    expect(seedEngagementSchema.safeParse({ ...base, userId: post.authorId, agoMs: 5 }).success).toBe(true)
  })
})

describe('worldSeedSchema', () => {
  it('names the path of the first item that breaks a domain rule', () => {
    const seed = {
      format: 'for-you-edge/world-seed@1',
      worldSeed: 1,
      accounts: [],
      follows: [[post.authorId, 'x']],
      posts: [],
      engagements: [],
    }
    expect(worldSeedSchema.safeParse(seed).error?.issues[0]?.path).toEqual(['follows', 0, 1])
  })
})
