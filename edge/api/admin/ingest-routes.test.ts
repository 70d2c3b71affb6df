import { describe, expect, it } from 'vitest'
import { ingestAccountsResponse, ingestPostsResponse } from '../../../shared/types/api/admin.ts'
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
