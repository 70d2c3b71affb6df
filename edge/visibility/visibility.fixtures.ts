// The relationships the visibility matrices run over: each scenario is a fresh author, viewer and post,
// set up through the public API, with what the viewer may do with the post.
import { expect } from 'vitest'
import { ADMIN, call, newPost, newUser, type TestUser } from '../api/api.fixtures'

export interface Scenario {
  name: string
  author?: Record<string, unknown>
  viewer?: Record<string, unknown>
  post?: Record<string, unknown>
  /** The viewer is the author. */
  self?: boolean
  /** Relation steps after both users exist (through the public routes). */
  relate?: (viewer: TestUser, author: TestUser) => Promise<void>
  /** Direct read (GET, lookup) and every write that references the post (reply, quote, repost, favorite). */
  read: boolean
  /** In the viewer's in-network listing (Thunder, followed authors only). */
  inNetwork: boolean
  /** A For You candidate (Thunder for followed authors, retrieval for the others). */
  feed: boolean
}

export interface Arranged extends Scenario {
  viewerUser: TestUser
  authorUser: TestUser
  postId: string
}

async function ok(res: Promise<{ status: number; text: string }>, what: string): Promise<void> {
  const r = await res
  expect(r.status, `${what}: ${r.text}`).toBe(200)
}

export const follow = (v: TestUser, a: TestUser) =>
  ok(call('PUT', `/v1/users/${v.id}/following/${a.id}`, { token: v.token }), 'follow')
export const block = (by: TestUser, target: TestUser) =>
  ok(call('PUT', `/v1/users/${by.id}/blocks/${target.id}`, { token: by.token }), 'block')
const mute = (by: TestUser, target: TestUser) =>
  ok(call('PUT', `/v1/users/${by.id}/mutes/${target.id}`, { token: by.token }), 'mute')
export const approve = (owner: TestUser, requester: TestUser) =>
  ok(
    call('POST', `/v1/users/${owner.id}/follow-requests/${requester.id}/approve`, { token: owner.token }),
    'approve',
  )

const PROTECTED = { protected: true }
const SUBSCRIBER = { subscriptionTier: 'premium' }
const SUBSCRIBER_ONLY = { subscriberOnly: true }

export const SCENARIOS: Scenario[] = [
  { name: 'self', self: true, read: true, inNetwork: false, feed: false },
  { name: 'follower', relate: follow, read: true, inNetwork: true, feed: true },
  { name: 'non-follower', read: true, inNetwork: false, feed: true },
  {
    name: 'approved follower of a protected account',
    author: PROTECTED,
    relate: async (v, a) => {
      await follow(v, a)
      await approve(a, v)
    },
    read: true,
    inNetwork: true,
    feed: true,
  },
  {
    name: 'pending follower of a protected account',
    author: PROTECTED,
    relate: follow,
    read: false,
    inNetwork: false,
    feed: false,
  },
  {
    name: 'non-follower of a protected account',
    author: PROTECTED,
    read: false,
    inNetwork: false,
    feed: false,
  },
  {
    name: 'follower blocked by the author',
    relate: async (v, a) => {
      await follow(v, a)
      await block(a, v)
    },
    read: false,
    inNetwork: false,
    feed: false,
  },
  {
    name: 'non-follower blocked by the author',
    relate: (v, a) => block(a, v),
    read: false,
    inNetwork: false,
    feed: false,
  },
  {
    name: 'follower blocking the author',
    relate: async (v, a) => {
      await follow(v, a)
      await block(v, a)
    },
    read: false,
    inNetwork: false,
    feed: false,
  },
  {
    name: 'follower muting the author',
    relate: async (v, a) => {
      await follow(v, a)
      await mute(v, a)
    },
    read: true,
    inNetwork: false,
    feed: false,
  },
  { name: 'non-follower muting the author', relate: mute, read: true, inNetwork: false, feed: false },
  {
    name: 'subscriber following, subscriber-only post',
    viewer: SUBSCRIBER,
    post: SUBSCRIBER_ONLY,
    relate: follow,
    read: true,
    inNetwork: true,
    feed: true,
  },
  {
    name: 'non-subscriber following, subscriber-only post',
    post: SUBSCRIBER_ONLY,
    relate: follow,
    read: false,
    inNetwork: false,
    feed: false,
  },
  {
    name: 'subscriber not following, subscriber-only post',
    viewer: SUBSCRIBER,
    post: SUBSCRIBER_ONLY,
    read: true,
    inNetwork: false,
    feed: true,
  },
  {
    name: 'non-subscriber not following, subscriber-only post',
    post: SUBSCRIBER_ONLY,
    read: false,
    inNetwork: false,
    feed: false,
  },
]

/** Creates every scenario's users, relations and post (posts first, so relation rules apply to them). */
export async function arrange(scenarios: readonly Scenario[]): Promise<Arranged[]> {
  const out: Arranged[] = []
  for (const s of scenarios) {
    const authorUser = await newUser({ ...s.author })
    const viewerUser = s.self ? authorUser : await newUser({ ...s.viewer })
    const post = await newPost(authorUser, { text: `visibility: ${s.name}`, ...s.post })
    await s.relate?.(viewerUser, authorUser)
    out.push({ ...s, viewerUser, authorUser, postId: post.id })
  }
  return out
}

/** A user that follows every author (through the operator's bulk path) and subscribes: sees every post. */
export async function witnessOf(arranged: readonly Arranged[]): Promise<TestUser> {
  const witness = await newUser({ subscriptionTier: 'premium_plus' })
  const follows = [...new Set(arranged.map((a) => a.authorUser.id))].map((a) => [witness.id, a])
  await ok(call('POST', '/v1/admin/ingest/follows', { token: ADMIN, body: { follows } }), 'witness follows')
  return witness
}
