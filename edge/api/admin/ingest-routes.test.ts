import { describe, expect, it } from 'vitest'
import {
  ingestAccountsResponse,
  ingestPostsResponse,
  ingestUsersResponse,
} from '../../../shared/types/api/admin.ts'
import { postViewSchema } from '../../../shared/types/api/posts.ts'
import { inNetworkResponse } from '../../../shared/types/api/thunder.ts'
import { userViewSchema } from '../../../shared/types/api/users.ts'
import { ADMIN, call, eventually, failure, newUser, uniqueHandle, uniqueId } from '../api.fixtures'

const ingest = (what: string, body: unknown, token = ADMIN) =>
  call('POST', `/v1/admin/ingest/${what}`, { token, body })

function account(overrides: Record<string, unknown> = {}) {
  return {
    id: uniqueId(),
    handle: uniqueHandle('s'),
    displayName: 'Seed',
    createdAt: Date.now() - 1e9,
    ...overrides,
  }
}

describe('admin bulk ingest', () => {
  it('upserts accounts idempotently and reports handle conflicts', async () => {
    const existing = await newUser()
    const a = account()
    const b = account({ subscriptionTier: 'premium_plus', nsfw: true })
    const clash = account({ handle: existing.handle })
    const first = ingestAccountsResponse.parse((await ingest('accounts', { accounts: [a, b, clash] })).body)
    expect(first).toEqual({ created: 2, updated: 0, unchanged: 0, handleConflicts: [clash.id] })
    const again = ingestAccountsResponse.parse((await ingest('accounts', { accounts: [a, b] })).body)
    expect(again).toEqual({ created: 0, updated: 0, unchanged: 2, handleConflicts: [] })
    const renamed = ingestAccountsResponse.parse(
      (await ingest('accounts', { accounts: [{ ...a, displayName: 'New' }] })).body,
    )
    expect(renamed.updated).toBe(1)
    const got = userViewSchema.parse((await call('GET', `/v1/users/${b.id}`, { token: ADMIN })).body)
    expect(got).toMatchObject({ subscriptionTier: 'premium_plus', nsfw: true, createdAt: b.createdAt })
  })

  it('ingests follows, posts and engagements once, however often replayed', async () => {
    const [viewer, author] = [account(), account({ followersCount: 1 })]
    expect((await ingest('accounts', { accounts: [viewer, author] })).status).toBe(200)
    const follows = {
      follows: [
        [viewer.id, author.id],
        [viewer.id, viewer.id],
      ],
    }
    expect((await ingest('follows', follows)).body).toEqual({ added: 1, skipped: 1 })
    expect((await ingest('follows', follows)).body).toEqual({ added: 0, skipped: 2 })
    // Bulk follows leave follower counts to the accounts batch (absolute, so replays are harmless).
    const author2 = userViewSchema.parse((await call('GET', `/v1/users/${author.id}`, { token: ADMIN })).body)
    expect(author2.followersCount).toBe(1)
    const viewer2 = userViewSchema.parse((await call('GET', `/v1/users/${viewer.id}`, { token: ADMIN })).body)
    expect(viewer2).toMatchObject({ followersCount: 0, followingCount: 1 })

    const now = Date.now()
    const root = { id: uniqueId(), authorId: author.id, text: 'root', createdAt: now - 3_600_000 }
    const reply = {
      id: uniqueId(),
      authorId: author.id,
      text: 'reply',
      createdAt: now - 60_000,
      replyToId: root.id,
    }
    const counts = { favorite: 7, reply: 1, repost: 2, quote: 0, view: 90 }
    // The reply comes first in the batch: the route orders by time, so the parent is known.
    const posts = { posts: [reply, { ...root, counts }] }
    expect(ingestPostsResponse.parse((await ingest('posts', posts)).body)).toEqual({
      created: 2,
      existing: 0,
      published: 2,
    })
    // Replayed before the consumer confirmed them, the events go out again (the outbox rule); never the rows.
    expect(ingestPostsResponse.parse((await ingest('posts', posts)).body)).toMatchObject({
      created: 0,
      existing: 2,
    })
    const storedReply = postViewSchema.parse(
      (await call('GET', `/v1/posts/${reply.id}`, { token: ADMIN })).body,
    )
    expect(storedReply).toMatchObject({ replyToUserId: author.id, conversationId: root.id })
    const storedRoot = postViewSchema.parse(
      (await call('GET', `/v1/posts/${root.id}`, { token: ADMIN })).body,
    )
    // Ingested counts are a starting value: the reply stored after them counts on top, once.
    expect(storedRoot.counts).toEqual({ ...counts, reply: counts.reply + 1 })

    const feed = await eventually(
      async () =>
        inNetworkResponse.parse(
          (await call('GET', `/v1/users/${viewer.id}/in-network`, { token: ADMIN })).body,
        ),
      (r) => r.posts.length === 2,
    )
    expect(feed.posts.map((p) => p.postId)).toEqual([reply.id, root.id])
    // Once applied and confirmed, a replay publishes nothing.
    const replayed = await eventually(
      async () => ingestPostsResponse.parse((await ingest('posts', posts)).body),
      (r) => r.published === 0,
    )
    expect(replayed).toEqual({ created: 0, existing: 2, published: 0 })

    const engagements = {
      engagements: [
        { userId: viewer.id, postId: root.id, action: 'favorite', at: now - 1000, key: 'seed:1:0' },
        { userId: viewer.id, postId: root.id, action: 'dwell', at: now - 900, dwellMs: 3000 },
      ],
    }
    expect((await ingest('engagements', engagements)).body).toEqual({ added: 2, skipped: 0 })
    // Same keys at shifted times (a re-run of the seeder relative to a later "now") stay out.
    const shifted = { engagements: [{ ...engagements.engagements[0], at: now }] }
    expect((await ingest('engagements', shifted)).body).toEqual({ added: 0, skipped: 1 })
    // The user route's write path: the favorite and the dwell count once each, on top of the ingested counts.
    const after = postViewSchema.parse((await call('GET', `/v1/posts/${root.id}`, { token: ADMIN })).body)
    expect(after.counts).toEqual({
      ...counts,
      reply: counts.reply + 1,
      favorite: counts.favorite + 1,
      view: counts.view + 1,
    })
  }, 20_000)

  it("takes a group of users' accounts, follows and engagements in one call, with the single routes' rules", async () => {
    const existing = await newUser()
    const author = account({ followersCount: 2 })
    expect((await ingest('accounts', { accounts: [author] })).status).toBe(200)
    const now = Date.now()
    const post = { id: uniqueId(), authorId: author.id, text: 'bundle root', createdAt: now - 3_600_000 }
    expect((await ingest('posts', { posts: [post] })).status).toBe(200)

    const [v1, v2] = [account(), account()]
    const clash = account({ handle: existing.handle })
    const body = {
      accounts: [v1, v2, clash],
      follows: [
        [v1.id, author.id],
        [v2.id, author.id],
        [v1.id, v1.id],
        [clash.id, author.id],
      ],
      engagements: [
        { userId: v1.id, postId: post.id, action: 'favorite', at: now - 2000 },
        { userId: v2.id, postId: post.id, action: 'dwell', at: now - 1500, dwellMs: 4000 },
        { userId: v2.id, postId: post.id, action: 'block_author', at: now - 1000 },
        { userId: clash.id, postId: post.id, action: 'favorite', at: now - 900 },
      ],
    }
    const first = ingestUsersResponse.parse((await ingest('users', body)).body)
    // The clashing account is not written, so its follow and engagement find no profile and are skipped.
    expect(first).toEqual({
      accounts: { created: 2, updated: 0, unchanged: 0, handleConflicts: [clash.id] },
      follows: { added: 2, skipped: 2 },
      engagements: { added: 3, skipped: 1 },
    })
    const view = async (id: string) =>
      userViewSchema.parse((await call('GET', `/v1/users/${id}`, { token: ADMIN })).body)
    expect(await view(v1.id)).toMatchObject({ handle: v1.handle, followingCount: 1 })
    // block_author applies the block after the follow, as the engagements route does: v2 no longer follows.
    expect(await view(v2.id)).toMatchObject({ handle: v2.handle, followingCount: 0 })
    expect((await call('GET', `/v1/users/${clash.id}`, { token: ADMIN })).status).toBe(404)
    const counted = postViewSchema.parse((await call('GET', `/v1/posts/${post.id}`, { token: ADMIN })).body)
    expect(counted.counts).toMatchObject({ favorite: 1, view: 1 })

    // A replay changes nothing: no new rows, no counter moves twice.
    const again = ingestUsersResponse.parse((await ingest('users', body)).body)
    expect(again).toEqual({
      accounts: { created: 0, updated: 0, unchanged: 2, handleConflicts: [clash.id] },
      follows: { added: 0, skipped: 4 },
      engagements: { added: 0, skipped: 4 },
    })
    const recounted = postViewSchema.parse((await call('GET', `/v1/posts/${post.id}`, { token: ADMIN })).body)
    expect(recounted.counts).toEqual(counted.counts)

    // Engagements are checked before anything is written: a refused one leaves the new account unwritten.
    const v3 = account()
    const refused = {
      accounts: [v3],
      follows: [[v3.id, author.id]],
      engagements: [
        { userId: v3.id, postId: post.id, action: 'favorite', at: now - 500 },
        { userId: v3.id, postId: post.id, action: 'favorite', at: now + 3_600_000 },
      ],
    }
    expect(failure(await ingest('users', refused))).toMatchObject({ status: 400, field: 'engagements.1.at' })
    expect((await call('GET', `/v1/users/${v3.id}`, { token: ADMIN })).status).toBe(404)
    const tooMany = {
      accounts: [],
      follows: [],
      engagements: Array.from({ length: 4001 }, () => body.engagements[0]),
    }
    expect(failure(await ingest('users', tooMany))).toMatchObject({ status: 400, field: 'engagements' })
    expect(failure(await ingest('users', { accounts: [] }))).toMatchObject({ status: 400, field: 'follows' })
    expect((await ingest('users', body, existing.token)).status).toBe(403)
  }, 30_000)

  it('validates batches and is admin-only', async () => {
    const user = await newUser()
    expect((await ingest('accounts', { accounts: [account()] }, user.token)).status).toBe(403)
    expect(failure(await ingest('accounts', { accounts: [] }))).toMatchObject({
      status: 400,
      field: 'accounts',
    })
    const noTime = { posts: [{ id: uniqueId(), authorId: user.id, text: 'x' }] }
    expect(failure(await ingest('posts', noTime))).toMatchObject({ status: 400, field: 'posts.0.createdAt' })
    const badPair = { follows: [['1']] }
    expect(failure(await ingest('follows', badPair))).toMatchObject({ status: 400, field: 'follows.0' })
    const tooMany = { follows: Array.from({ length: 5001 }, () => ['1', '2']) }
    expect(failure(await ingest('follows', tooMany))).toMatchObject({ status: 400, field: 'follows' })
    const badAction = { engagements: [{ userId: '1', postId: '2', action: 'like', at: Date.now() }] }
    expect(failure(await ingest('engagements', badAction))).toMatchObject({
      status: 400,
      field: 'engagements.0.action',
    })
    const huge = await call('POST', '/v1/admin/ingest/accounts', {
      token: ADMIN,
      raw: 'x'.repeat(1024 * 1024 + 1),
      headers: { 'content-type': 'application/json' },
    })
    expect(failure(huge)).toEqual({ status: 413, code: 'payload_too_large' })
  })
})
