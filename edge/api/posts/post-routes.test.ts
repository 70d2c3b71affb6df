import { describe, expect, it } from 'vitest'
import { lookupPostsResponse, postViewSchema } from '../../../shared/types/api/posts.ts'
import { snowflakeTimeMs } from '../../../shared/util/snowflake.ts'
import { ADMIN, call, failure, newPost, newUser, uniqueId } from '../api.fixtures'

describe('POST /v1/posts', () => {
  it('creates a post as the caller with a server-assigned snowflake id', async () => {
    const author = await newUser()
    const before = Date.now()
    const res = await call('POST', '/v1/posts', {
      token: author.token,
      body: { text: 'hello 👋 world', language: 'en' },
    })
    expect(res.status).toBe(201)
    const post = postViewSchema.parse(res.body)
    expect(post).toMatchObject({ authorId: author.id, text: 'hello 👋 world', language: 'en', media: [] })
    expect(post.conversationId).toBe(post.id)
    expect(snowflakeTimeMs(post.id)).toBe(post.createdAt)
    expect(post.createdAt).toBeGreaterThanOrEqual(before)
    expect(post.counts).toEqual({ favorite: 0, reply: 0, repost: 0, quote: 0, view: 0 })
  })

  it('resolves reply, quote and repost relations and the conversation root', async () => {
    const a = await newUser()
    const b = await newUser()
    const root = await newPost(a, { media: [{ type: 'video', durationMs: 12_000 }] })
    const reply = await newPost(b, { replyToId: root.id })
    const deeper = await newPost(a, { replyToId: reply.id, quoteOfId: root.id })
    const repost = await newPost(b, { text: '', repostOfId: root.id })
    expect(reply).toMatchObject({ replyToUserId: a.id, conversationId: root.id })
    expect(deeper).toMatchObject({ replyToUserId: b.id, quoteOfUserId: a.id, conversationId: root.id })
    expect(repost).toMatchObject({ repostOfId: root.id, repostOfUserId: a.id })
  })

  it('lets the admin post for any existing author with a given id and time', async () => {
    const author = await newUser()
    const id = uniqueId()
    const createdAt = Date.now() - 60_000
    const res = await call('POST', '/v1/posts', {
      token: ADMIN,
      body: { id, authorId: author.id, text: 'x', createdAt, subscriberOnly: true },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ id, createdAt, subscriberOnly: true })
    const again = await call('POST', '/v1/posts', {
      token: ADMIN,
      body: { id, authorId: author.id, text: 'y' },
    })
    expect(failure(again)).toEqual({ status: 409, code: 'post_exists', field: 'id' })
  })

  it("refuses a user's own id or time (400 naming the field): the server assigns both", async () => {
    const author = await newUser()
    const chosen: [string, Record<string, unknown>][] = [
      ['id', { id: uniqueId() }],
      ['createdAt', { createdAt: Date.UTC(2011, 0, 1) }],
      ['createdAt', { createdAt: Date.now() - 1000 }],
    ]
    for (const [field, body] of chosen) {
      const res = await call('POST', '/v1/posts', { token: author.token, body: { text: 'x', ...body } })
      expect(failure(res)).toEqual({ status: 400, code: 'server_assigned', field })
    }
    const own = await call('POST', '/v1/posts', {
      token: author.token,
      body: { authorId: author.id, text: 'x' },
    })
    expect(own.status).toBe(201)
  })

  it('refuses to post as someone else, or for an unknown author', async () => {
    const a = await newUser()
    const b = await newUser()
    const res = await call('POST', '/v1/posts', { token: a.token, body: { authorId: b.id, text: 'x' } })
    expect(failure(res)).toEqual({ status: 403, code: 'forbidden', field: 'authorId' })
    const ghost = await call('POST', '/v1/posts', { token: ADMIN, body: { authorId: uniqueId(), text: 'x' } })
    expect(failure(ghost)).toEqual({ status: 404, code: 'user_not_found', field: 'authorId' })
    const noAuthor = await call('POST', '/v1/posts', { token: ADMIN, body: { text: 'x' } })
    expect(failure(noAuthor)).toEqual({ status: 400, code: 'invalid_request', field: 'authorId' })
  })

  it('404s a reference to an unknown post', async () => {
    const a = await newUser()
    for (const field of ['replyToId', 'quoteOfId', 'repostOfId']) {
      const res = await call('POST', '/v1/posts', {
        token: a.token,
        // A repost has no text of its own.
        body: { text: field === 'repostOfId' ? '' : 'x', [field]: uniqueId() },
      })
      expect(failure(res)).toEqual({ status: 404, code: 'post_not_found', field })
    }
  })

  const invalid: [string, Record<string, unknown>, string][] = [
    ['text over 1,000 characters', { text: '😀'.repeat(1001) }, 'text'],
    ['a lone surrogate', { text: 'a\uD800b' }, 'text'],
    ['a control character', { text: 'a\u0007b' }, 'text'],
    ['text of the wrong type', { text: 42 }, 'text'],
    ['an empty post', { text: '' }, 'text'],
    ['five media', { media: Array.from({ length: 5 }, () => ({ type: 'image' })) }, 'media'],
    ['a video without duration', { media: [{ type: 'video' }] }, 'media.0.durationMs'],
    ['an image with a duration', { media: [{ type: 'image', durationMs: 5 }] }, 'media.0.durationMs'],
    ['an unknown media type', { media: [{ type: 'audio' }] }, 'media.0.type'],
    ['a language that is not one', { language: 'zz' }, 'language'],
    ['a bad id', { id: '0123' }, 'id'],
    ['an id beyond 64 bits', { id: '9223372036854775808' }, 'id'],
    ['a numeric reply id', { replyToId: 5 }, 'replyToId'],
    ['a repost that replies', { text: '', repostOfId: '1', replyToId: '2' }, 'repostOfId'],
    ['a time in the future', { createdAt: Date.now() + 3_600_000 }, 'createdAt'],
    ['a fractional time', { createdAt: 1.5e12 + 0.5 }, 'createdAt'],
    ['an unknown field', { colour: 'red' }, 'colour'],
    ['a non-boolean flag', { subscriberOnly: 'yes' }, 'subscriberOnly'],
  ]
  it.each(invalid)('rejects %s with 400 naming the field', async (_name, patch, field) => {
    const a = await newUser()
    const res = await call('POST', '/v1/posts', { token: a.token, body: { text: 'ok', ...patch } })
    expect(failure(res)).toEqual({ status: 400, code: 'invalid_request', field })
  })

  it('rejects malformed JSON, non-JSON and oversized bodies', async () => {
    const a = await newUser()
    const json = { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' }
    const bad = await call('POST', '/v1/posts', { raw: '{"text": ', headers: json })
    expect(failure(bad)).toEqual({ status: 400, code: 'invalid_json' })
    const text = await call('POST', '/v1/posts', {
      token: a.token,
      raw: 'hi',
      headers: { 'content-type': 'text/plain' },
    })
    expect(text.status).toBe(415)
    const big = await call('POST', '/v1/posts', {
      token: a.token,
      body: { text: 'x', pad: 'y'.repeat(70_000) },
    })
    expect(failure(big)).toEqual({ status: 413, code: 'payload_too_large' })
    // No content-length: the bytes read are counted.
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(4096)))
        controller.close()
      },
    })
    const streamed = await call('POST', '/v1/posts', { raw: chunks, headers: json })
    expect(failure(streamed)).toEqual({ status: 413, code: 'payload_too_large' })
  })
})

describe('GET, DELETE /v1/posts/{id} and POST /v1/posts/lookup', () => {
  it('gets a post, 404s unknown ids, 400s malformed ones', async () => {
    const a = await newUser()
    const post = await newPost(a)
    const got = await call('GET', `/v1/posts/${post.id}`, { token: a.token })
    expect(got.status).toBe(200)
    expect(postViewSchema.parse(got.body)).toEqual(post)
    expect(failure(await call('GET', `/v1/posts/${uniqueId()}`, { token: a.token }))).toEqual({
      status: 404,
      code: 'post_not_found',
      field: 'id',
    })
    expect(failure(await call('GET', '/v1/posts/abc', { token: a.token }))).toMatchObject({
      status: 400,
      field: 'id',
    })
  })

  it('lets the author or the admin delete, nobody else, once', async () => {
    const a = await newUser()
    const b = await newUser()
    const p1 = await newPost(a)
    const p2 = await newPost(a)
    expect(failure(await call('DELETE', `/v1/posts/${p1.id}`, { token: b.token }))).toEqual({
      status: 403,
      code: 'not_author',
    })
    expect((await call('DELETE', `/v1/posts/${p1.id}`, { token: a.token })).body).toEqual({
      id: p1.id,
      deleted: true,
    })
    expect((await call('DELETE', `/v1/posts/${p2.id}`, { token: ADMIN })).status).toBe(200)
    expect((await call('GET', `/v1/posts/${p1.id}`, { token: a.token })).status).toBe(404)
    expect((await call('DELETE', `/v1/posts/${p1.id}`, { token: a.token })).status).toBe(404)
    // A deleted id is not reusable.
    const reuse = await call('POST', '/v1/posts', {
      token: ADMIN,
      body: { id: p1.id, authorId: a.id, text: 'again' },
    })
    expect(failure(reuse)).toEqual({ status: 409, code: 'post_exists', field: 'id' })
  })

  it('looks up posts in request order and lists the missing ids', async () => {
    const a = await newUser()
    const posts = await Promise.all(Array.from({ length: 12 }, () => newPost(a)))
    const ghost = uniqueId()
    const ids = [posts[3]?.id, ghost, ...posts.map((p) => p.id)]
    const res = await call('POST', '/v1/posts/lookup', { token: a.token, body: { ids } })
    expect(res.status).toBe(200)
    const body = lookupPostsResponse.parse(res.body)
    expect(body.missing).toEqual([ghost])
    expect(body.posts.map((p) => p.id)).toEqual([...new Set(ids)].filter((id) => id !== ghost))
    const tooMany = Array.from({ length: 2001 }, (_, i) => String(i + 1))
    expect(
      failure(await call('POST', '/v1/posts/lookup', { token: a.token, body: { ids: tooMany } })),
    ).toEqual({
      status: 400,
      code: 'invalid_request',
      field: 'ids',
    })
    expect(
      failure(await call('POST', '/v1/posts/lookup', { token: a.token, body: { ids: [] } })),
    ).toMatchObject({
      status: 400,
      field: 'ids',
    })
  })
})
