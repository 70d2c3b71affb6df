import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../shared/types/api/limits.ts'
import { postViewSchema } from '../../../shared/types/api/posts.ts'
import { inNetworkResponse } from '../../../shared/types/api/thunder.ts'
import { engagementHistorySchema } from '../../../shared/types/api/users.ts'
import { ADMIN, call, eventually, failure, newPost, newUser, uniqueId } from '../api.fixtures'

const engage = (id: string, token: string, engagements: unknown[]) =>
  call('POST', `/v1/users/${id}/engagements`, { token, body: { engagements } })

async function history(id: string, query = '') {
  const res = await call('GET', `/v1/users/${id}/engagements${query}`, { token: ADMIN })
  expect(res.status).toBe(200)
  return engagementHistorySchema.parse(res.body).engagements
}

describe('engagements', () => {
  it('records a batch once, bumps post counters once, serves history newest first', async () => {
    const a = await newUser()
    const post = await newPost(await newUser())
    // Engagements are dated between the post's creation and the server's clock.
    const t = post.createdAt
    const batch = [
      { postId: post.id, action: 'favorite', at: t },
      { postId: post.id, action: 'dwell', at: t + 1, dwellMs: 4200 },
      { postId: post.id, action: 'click', at: t + 2 },
    ]
    expect((await engage(a.id, a.token, batch)).body).toEqual({ added: 3, duplicates: 0 })
    expect((await engage(a.id, a.token, batch)).body).toEqual({ added: 0, duplicates: 3 })
    const got = postViewSchema.parse((await call('GET', `/v1/posts/${post.id}`, { token: a.token })).body)
    expect(got.counts).toEqual({ favorite: 1, reply: 0, repost: 0, quote: 0, view: 1 })
    expect(await history(a.id)).toEqual([
      { postId: post.id, action: 'click', at: t + 2 },
      { postId: post.id, action: 'dwell', at: t + 1, dwellMs: 4200 },
      { postId: post.id, action: 'favorite', at: t },
    ])
    const first = await call('GET', `/v1/users/${a.id}/engagements?limit=1`, { token: ADMIN })
    const { nextCursor } = engagementHistorySchema.parse(first.body)
    expect(await history(a.id, `?limit=1&cursor=${nextCursor}`)).toEqual([
      { postId: post.id, action: 'dwell', at: t + 1, dwellMs: 4200 },
    ])
  })

  it(`keeps only the newest ${LIMITS.engagementHistory} events`, async () => {
    const a = await newUser()
    const post = await newPost(await newUser())
    const t = post.createdAt
    for (let i = 0; i < 6; i++) {
      const batch = Array.from({ length: 100 }, (_, j) => ({
        postId: post.id,
        action: 'click',
        at: t + i * 100 + j,
      }))
      expect((await engage(a.id, ADMIN, batch)).status).toBe(200)
    }
    const all = await history(a.id, `?limit=${LIMITS.engagementHistory}`)
    expect(all).toHaveLength(LIMITS.engagementHistory)
    expect(all.at(-1)?.at).toBe(t + 600 - LIMITS.engagementHistory)
  })

  const invalid: [string, unknown[], string][] = [
    ['an action outside the vocabulary', [{ postId: '1', action: 'like' }], 'engagements.0.action'],
    ['a server-derived action', [{ postId: '1', action: 'not_dwelled' }], 'engagements.0.action'],
    ['a bad post id', [{ postId: 'p1', action: 'click' }], 'engagements.0.postId'],
    [
      'an over-long dwell',
      [{ postId: '1', action: 'dwell', dwellMs: LIMITS.dwellMs + 1 }],
      'engagements.0.dwellMs',
    ],
    ['a negative dwell', [{ postId: '1', action: 'dwell', dwellMs: -1 }], 'engagements.0.dwellMs'],
    ['a future time', [{ postId: '1', action: 'click', at: 'soon' }], 'engagements.0.at'],
    ['an empty batch', [], 'engagements'],
    ['101 events', Array.from({ length: 101 }, () => ({ postId: '1', action: 'click' })), 'engagements'],
  ]
  it.each(invalid)('rejects %s', async (_name, engagements, field) => {
    const a = await newUser()
    expect(failure(await engage(a.id, a.token, engagements))).toEqual({
      status: 400,
      code: 'invalid_request',
      field,
    })
  })

  it('404s unknown posts (naming the entry) and unknown users; 400s a bad history query', async () => {
    const a = await newUser()
    const post = await newPost(a)
    const res = await engage(a.id, a.token, [
      { postId: post.id, action: 'click' },
      { postId: uniqueId(), action: 'click' },
    ])
    expect(failure(res)).toEqual({ status: 404, code: 'post_not_found', field: 'engagements.1.postId' })
    expect(await history(a.id)).toEqual([])
    const ghost = await engage(uniqueId(), ADMIN, [{ postId: post.id, action: 'click' }])
    expect(failure(ghost)).toMatchObject({ status: 404, code: 'user_not_found' })
    expect((await call('GET', `/v1/users/${a.id}/engagements?limit=0`, { token: a.token })).status).toBe(400)
    expect((await call('GET', `/v1/users/${a.id}/engagements?limit=abc`, { token: a.token })).status).toBe(
      400,
    )
    expect((await call('GET', `/v1/users/${a.id}/engagements?x=1`, { token: a.token })).status).toBe(400)
  })
})

describe('in-network fetch and impressions', () => {
  async function inNetwork(id: string, token: string, query = '') {
    const res = await call('GET', `/v1/users/${id}/in-network${query}`, { token })
    expect(res.status).toBe(200)
    return inNetworkResponse.parse(res.body)
  }

  it("returns follows' posts through the real queue, minus served/seen ones, deletes included", async () => {
    const viewer = await newUser()
    const [a, b, stranger] = await Promise.all([newUser(), newUser(), newUser()])
    for (const u of [a, b])
      await call('PUT', `/v1/users/${viewer.id}/following/${u.id}`, { token: viewer.token })
    const pa = await newPost(a)
    const pb = await newPost(b, { media: [{ type: 'video', durationMs: 3000 }] })
    await newPost(stranger)
    const got = await eventually(
      () => inNetwork(viewer.id, viewer.token),
      (r) => r.posts.length >= 2,
    )
    expect(got.posts.map((p) => p.postId)).toEqual([pb.id, pa.id])
    expect(got).toMatchObject({ following: 2, excluded: 0, failedShards: [] })
    expect(got.posts[0]).toMatchObject({ authorId: b.id, kind: 'original', videoEligible: true })
    const videos = await inNetwork(viewer.id, viewer.token, '?videosOnly=true')
    expect(videos.posts.map((p) => p.postId)).toEqual([pb.id])

    const seen = await call('POST', `/v1/users/${viewer.id}/impressions`, {
      token: viewer.token,
      body: { seen: [pb.id] },
    })
    expect(seen.body).toEqual({ ok: true })
    expect((await inNetwork(viewer.id, viewer.token)).posts.map((p) => p.postId)).toEqual([pa.id])

    await call('DELETE', `/v1/posts/${pa.id}`, { token: a.token })
    const after = await eventually(
      () => inNetwork(viewer.id, viewer.token),
      (r) => r.posts.length === 0,
    )
    expect(after.posts).toEqual([])
  }, 20_000)

  it('validates impressions and the in-network query', async () => {
    const a = await newUser()
    const post = (body: unknown) => call('POST', `/v1/users/${a.id}/impressions`, { token: a.token, body })
    expect(failure(await post({}))).toMatchObject({ status: 400, code: 'invalid_request' })
    expect(failure(await post({ served: ['x'] }))).toMatchObject({ status: 400, field: 'served.0' })
    const tooMany = Array.from({ length: LIMITS.impressionBatch + 1 }, (_, i) => String(i + 1))
    expect(failure(await post({ served: tooMany }))).toMatchObject({ status: 400, field: 'served' })
    const bad = await call('GET', `/v1/users/${a.id}/in-network?limit=1201`, { token: a.token })
    expect(failure(bad)).toMatchObject({ status: 400, field: 'limit' })
    const ghost = await call('GET', `/v1/users/${uniqueId()}/in-network`, { token: ADMIN })
    expect(failure(ghost)).toMatchObject({ status: 404, code: 'user_not_found' })
  })
})
