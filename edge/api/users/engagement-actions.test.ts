// Engagement semantics: state actions count once per user and post and can be undone, idempotency outlives
// the 512-event history, times are bounded, the admin ingest writes through the same path as the user
// route, and actions that mean nothing in a combination are refused.
import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../shared/types/api/limits.ts'
import { postViewSchema } from '../../../shared/types/api/posts.ts'
import { relationListSchema } from '../../../shared/types/api/users.ts'
import { ADMIN, call, failure, newPost, newUser, uniqueId } from '../api.fixtures'

const engage = (id: string, token: string, engagements: unknown[]) =>
  call('POST', `/v1/users/${id}/engagements`, { token, body: { engagements } })
const counts = async (id: string) =>
  postViewSchema.parse((await call('GET', `/v1/posts/${id}`, { token: ADMIN })).body).counts

describe('state actions', () => {
  it('count a favorite once per user and post, whatever the time or key it is resent with', async () => {
    const [a, b] = [await newUser(), await newUser()]
    const post = await newPost(a)
    for (let i = 0; i < 4; i++) {
      const res = await engage(b.id, b.token, [
        { postId: post.id, action: 'favorite', at: post.createdAt + i },
      ])
      expect(res.body).toEqual(i === 0 ? { added: 1, duplicates: 0 } : { added: 0, duplicates: 1 })
    }
    expect((await counts(post.id)).favorite).toBe(1)
  })

  it('take, within one batch, the first entry of a repeated key and the first favorite of a post', async () => {
    const [a, b] = [await newUser(), await newUser()]
    const [p1, p2] = [await newPost(a), await newPost(a)]
    const t = Math.max(p1.createdAt, p2.createdAt)
    const res = await call('POST', '/v1/admin/ingest/engagements', {
      token: ADMIN,
      body: {
        engagements: [
          { userId: b.id, postId: p1.id, action: 'favorite', at: t, key: 'k-fav-1' },
          { userId: b.id, postId: p1.id, action: 'favorite', at: t + 1, key: 'k-fav-2' },
          { userId: b.id, postId: p2.id, action: 'click', at: t + 2, key: 'k-click' },
          { userId: b.id, postId: p1.id, action: 'click', at: t + 3, key: 'k-click' },
          { userId: b.id, postId: p2.id, action: 'dwell', at: t + 4, dwellMs: 900, key: 'k-dwell' },
        ],
      },
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({ added: 3, skipped: 2 })
    const history = await call('GET', `/v1/users/${b.id}/engagements`, { token: ADMIN })
    expect((history.body as { engagements: unknown[] }).engagements).toEqual([
      { postId: p2.id, action: 'dwell', at: t + 4, dwellMs: 900 },
      { postId: p2.id, action: 'click', at: t + 2 },
      { postId: p1.id, action: 'favorite', at: t },
    ])
    expect((await counts(p1.id)).favorite).toBe(1)
    expect((await counts(p2.id)).view).toBe(1)
  })

  it('undo a favorite with DELETE …/favorites/{postId}, once, and let it be given again', async () => {
    const [a, b] = [await newUser(), await newUser()]
    const post = await newPost(a)
    await engage(b.id, b.token, [{ postId: post.id, action: 'favorite', at: post.createdAt + 1 }])
    const undo = () => call('DELETE', `/v1/users/${b.id}/favorites/${post.id}`, { token: b.token })
    expect((await undo()).body).toEqual({ postId: post.id, active: false, changed: true })
    expect((await undo()).body).toEqual({ postId: post.id, active: false, changed: false })
    expect((await counts(post.id)).favorite).toBe(0)
    const history = await call('GET', `/v1/users/${b.id}/engagements`, { token: b.token })
    expect(history.body).toMatchObject({ engagements: [] })
    expect((await engage(b.id, b.token, [{ postId: post.id, action: 'favorite' }])).body).toEqual({
      added: 1,
      duplicates: 0,
    })
    expect((await counts(post.id)).favorite).toBe(1)
  })

  it('move counts.favorite the same through the admin ingest as through the user route', async () => {
    const [a, b, c] = [await newUser(), await newUser(), await newUser()]
    const post = await newPost(a)
    const at = post.createdAt + 1
    await engage(b.id, b.token, [{ postId: post.id, action: 'favorite', at }])
    const ingest = (userId: string) =>
      call('POST', '/v1/admin/ingest/engagements', {
        token: ADMIN,
        body: { engagements: [{ userId, postId: post.id, action: 'favorite', at }] },
      })
    expect((await ingest(c.id)).body).toEqual({ added: 1, skipped: 0 })
    // b's favorite sent again through the ingest is the same state: no second count.
    expect((await ingest(b.id)).body).toEqual({ added: 0, skipped: 1 })
    expect((await counts(post.id)).favorite).toBe(2)
  })

  it('count an ingested favorite that arrives before its post once the post is stored', async () => {
    const [a, b] = [await newUser(), await newUser()]
    const postId = uniqueId()
    const at = Date.now() - 1000
    const favorite = { userId: b.id, postId, action: 'favorite', at }
    const ingest = (path: string, body: unknown) =>
      call('POST', `/v1/admin/ingest/${path}`, { token: ADMIN, body })
    expect((await ingest('engagements', { engagements: [favorite] })).body).toEqual({ added: 1, skipped: 0 })
    const post = { id: postId, authorId: a.id, text: 'late', createdAt: at - 1000 }
    expect((await ingest('posts', { posts: [post] })).status).toBe(200)
    expect(await counts(postId)).toMatchObject({ favorite: 1 })
  })

  it('follow_author, block_author and mute_author also apply the relation to the author', async () => {
    const [a, b] = [await newUser(), await newUser()]
    const post = await newPost(a)
    const at = post.createdAt + 1
    const list = async (kind: string) =>
      relationListSchema.parse((await call('GET', `/v1/users/${b.id}/${kind}`, { token: b.token })).body).ids
    await engage(b.id, b.token, [{ postId: post.id, action: 'follow_author', at }])
    expect(await list('following')).toEqual([a.id])
    await engage(b.id, b.token, [{ postId: post.id, action: 'mute_author', at }])
    expect(await list('mutes')).toEqual([a.id])
    await engage(b.id, b.token, [{ postId: post.id, action: 'block_author', at }])
    expect(await list('blocks')).toEqual([a.id])
    expect(await list('following')).toEqual([])
  })
})

describe('idempotency', () => {
  it('outlives the 512-event history: an old event resent after it left the history adds nothing', async () => {
    const [a, b] = [await newUser(), await newUser()]
    const post = await newPost(a)
    const old = { postId: post.id, action: 'dwell', at: post.createdAt + 1, dwellMs: 1000 }
    expect((await engage(b.id, b.token, [old])).body).toEqual({ added: 1, duplicates: 0 })
    for (let i = 0; i < 6; i++) {
      const batch = Array.from({ length: 100 }, (_, j) => ({
        postId: post.id,
        action: 'click',
        at: post.createdAt + 10 + i * 100 + j,
      }))
      expect((await engage(b.id, ADMIN, batch)).status).toBe(200)
    }
    const history = await call('GET', `/v1/users/${b.id}/engagements?limit=${LIMITS.engagementHistory}`, {
      token: ADMIN,
    })
    expect(JSON.stringify(history.body)).not.toContain('"dwell"')
    expect((await engage(b.id, b.token, [old])).body).toEqual({ added: 0, duplicates: 1 })
    expect((await counts(post.id)).view).toBe(1)
  }, 30_000)
})

describe('refused combinations (400 naming the field)', () => {
  it('bounds `at` by the post’s creation and the server clock plus 5 minutes', async () => {
    const [a, b] = [await newUser(), await newUser()]
    const post = await newPost(a)
    for (const at of [
      Date.UTC(2200, 0, 1),
      Date.now() + 6 * 60_000,
      Date.UTC(2011, 0, 1),
      post.createdAt - 1,
    ]) {
      const res = await engage(b.id, b.token, [{ postId: post.id, action: 'click', at }])
      expect(failure(res)).toMatchObject({ status: 400, field: 'engagements.0.at' })
      const admin = await call('POST', '/v1/admin/ingest/engagements', {
        token: ADMIN,
        body: { engagements: [{ userId: b.id, postId: post.id, action: 'click', at }] },
      })
      expect(failure(admin)).toMatchObject({ status: 400, field: 'engagements.0.at' })
    }
  })

  it('refuses report on one’s own post, dwellMs on a non-dwell action, and relations to oneself', async () => {
    const a = await newUser()
    const own = await newPost(a)
    const at = own.createdAt + 1
    const cases: [Record<string, unknown>, string][] = [
      [{ action: 'report' }, 'engagements.0.action'],
      [{ action: 'follow_author' }, 'engagements.0.action'],
      [{ action: 'favorite', dwellMs: 500 }, 'engagements.0.dwellMs'],
    ]
    for (const [extra, field] of cases) {
      const res = await engage(a.id, a.token, [{ postId: own.id, at, ...extra }])
      expect(failure(res)).toMatchObject({ status: 400, field })
    }
    expect((await call('GET', `/v1/users/${a.id}/engagements`, { token: a.token })).body).toMatchObject({
      engagements: [],
    })
  })
})
