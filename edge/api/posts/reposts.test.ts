// Reposts as on X: one per user and original, resolved to the original, no content of their own, undone
// by deleting them; replies and quotes of a repost attach to the original.
import { describe, expect, it } from 'vitest'
import { postViewSchema } from '../../../shared/types/api/posts.ts'
import { ADMIN, call, failure, newPost, newUser, uniqueId } from '../api.fixtures'

const repost = (token: string, repostOfId: string, extra: Record<string, unknown> = {}) =>
  call('POST', '/v1/posts', { token, body: { repostOfId, ...extra } })

const read = async (id: string) =>
  postViewSchema.parse((await call('GET', `/v1/posts/${id}`, { token: ADMIN })).body)

describe('reposts', () => {
  it('exist once per user and original: a second repost answers 200 with the existing one', async () => {
    const [a, b] = [await newUser(), await newUser()]
    const original = await newPost(a)
    const first = await repost(b.token, original.id)
    expect(first.status).toBe(201)
    const second = await repost(b.token, original.id)
    expect(second.status).toBe(200)
    expect(postViewSchema.parse(second.body).id).toBe(postViewSchema.parse(first.body).id)
    expect((await read(original.id)).counts.repost).toBe(1)
  })

  it('resolve to the original: reposting a repost reposts the original', async () => {
    const [a, b, c] = [await newUser(), await newUser(), await newUser()]
    const original = await newPost(a, { media: [{ type: 'image' }] })
    const bs = postViewSchema.parse((await repost(b.token, original.id)).body)
    const cs = await repost(c.token, bs.id)
    expect(cs.status).toBe(201)
    expect(cs.body).toMatchObject({ repostOfId: original.id, repostOfUserId: a.id })
    // b reposting its own repost is the repost it already has.
    const again = await repost(b.token, bs.id)
    expect(again.status).toBe(200)
    expect(postViewSchema.parse(again.body).id).toBe(bs.id)
    expect((await read(original.id)).counts.repost).toBe(2)
  })

  it('have no content of their own: text or media is a 400 naming the field', async () => {
    const [a, b] = [await newUser(), await newUser()]
    const original = await newPost(a)
    expect(failure(await repost(b.token, original.id, { text: 'my take' }))).toMatchObject({
      status: 400,
      field: 'text',
    })
    expect(failure(await repost(b.token, original.id, { media: [{ type: 'image' }] }))).toMatchObject({
      status: 400,
      field: 'media',
    })
  })

  it("keep the original's subscriberOnly flag", async () => {
    const a = await newUser({ subscriptionTier: 'premium' })
    const b = await newUser({ subscriptionTier: 'premium' })
    const original = await newPost(a, { subscriberOnly: true })
    const res = await repost(b.token, original.id)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ subscriberOnly: true })
  })

  it('are undone by deleting them, which frees the slot and the count', async () => {
    const [a, b] = [await newUser(), await newUser()]
    const original = await newPost(a)
    const first = postViewSchema.parse((await repost(b.token, original.id)).body)
    expect((await call('DELETE', `/v1/posts/${first.id}`, { token: b.token })).status).toBe(200)
    expect((await read(original.id)).counts.repost).toBe(0)
    const again = await repost(b.token, original.id)
    expect(again.status).toBe(201)
    expect(postViewSchema.parse(again.body).id).not.toBe(first.id)
    expect((await read(original.id)).counts.repost).toBe(1)
  })

  it('pass replies and quotes on to the original', async () => {
    const [a, b, c] = [await newUser(), await newUser(), await newUser()]
    const original = await newPost(a)
    const rp = postViewSchema.parse((await repost(b.token, original.id)).body)
    const reply = await newPost(c, { replyToId: rp.id })
    const quote = await newPost(c, { quoteOfId: rp.id })
    expect(reply).toMatchObject({ replyToId: original.id, replyToUserId: a.id, conversationId: original.id })
    expect(quote).toMatchObject({ quoteOfId: original.id, quoteOfUserId: a.id })
    expect((await read(original.id)).counts).toMatchObject({ reply: 1, quote: 1, repost: 1 })
    expect((await read(rp.id)).counts).toMatchObject({ reply: 0, quote: 0 })
  })

  it('exist once per user and original through the admin ingest too', async () => {
    const [a, b] = [await newUser(), await newUser()]
    const createdAt = Date.now() - 60_000
    const original = { id: uniqueId(), authorId: a.id, text: 'original', createdAt }
    const reposts = [1, 2].map((n) => ({
      id: uniqueId(),
      authorId: b.id,
      repostOfId: original.id,
      createdAt: createdAt + n,
    }))
    const res = await call('POST', '/v1/admin/ingest/posts', {
      token: ADMIN,
      body: { posts: [original, ...reposts] },
    })
    expect(res.body).toMatchObject({ created: 2, existing: 1 })
    expect((await read(original.id)).counts.repost).toBe(1)
    expect((await call('GET', `/v1/posts/${reposts[1]?.id}`, { token: ADMIN })).status).toBe(404)
  })
})
