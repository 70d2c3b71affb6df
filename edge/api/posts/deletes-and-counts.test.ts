// Counts of content come from the content (up on create, down on delete); deleting a post removes its
// reposts everywhere and leaves quotes and replies saying their reference is gone.
import { describe, expect, it } from 'vitest'
import { lookupPostsResponse, postViewSchema } from '../../../shared/types/api/posts.ts'
import { inNetworkResponse } from '../../../shared/types/api/thunder.ts'
import { ADMIN, call, eventually, newPost, newUser } from '../api.fixtures'

const read = async (id: string) =>
  postViewSchema.parse((await call('GET', `/v1/posts/${id}`, { token: ADMIN })).body)

describe('counts of replies, reposts and quotes', () => {
  it('move up with real content and down when it is deleted', async () => {
    const [a, b, c, d] = [await newUser(), await newUser(), await newUser(), await newUser()]
    const original = await newPost(a)
    const replies = [
      await newPost(b, { replyToId: original.id }),
      await newPost(c, { replyToId: original.id }),
    ]
    const quote = await newPost(b, { quoteOfId: original.id })
    const reposts = []
    for (const u of [b, c, d]) reposts.push(await newPost(u, { text: '', repostOfId: original.id }))
    expect((await read(original.id)).counts).toEqual({ favorite: 0, reply: 2, repost: 3, quote: 1, view: 0 })

    await call('DELETE', `/v1/posts/${replies[0]?.id}`, { token: b.token })
    await call('DELETE', `/v1/posts/${quote.id}`, { token: b.token })
    await call('DELETE', `/v1/posts/${reposts[2]?.id}`, { token: d.token })
    // A delete sent twice changes nothing more.
    expect((await call('DELETE', `/v1/posts/${quote.id}`, { token: b.token })).status).toBe(404)
    expect((await read(original.id)).counts).toEqual({ favorite: 0, reply: 1, repost: 2, quote: 0, view: 0 })
  })

  it('ignore reply, repost and quote engagements (content counts come from content)', async () => {
    const [a, b] = [await newUser(), await newUser()]
    const original = await newPost(a)
    const at = original.createdAt + 1
    const res = await call('POST', `/v1/users/${b.id}/engagements`, {
      token: b.token,
      body: {
        engagements: ['reply', 'repost', 'quote'].map((action) => ({ postId: original.id, action, at })),
      },
    })
    expect(res.status).toBe(200)
    expect((await read(original.id)).counts).toEqual({ favorite: 0, reply: 0, repost: 0, quote: 0, view: 0 })
  })
})

describe('deleting a post', () => {
  it("removes its reposts from the post store and from followers' in-network results", async () => {
    const [a, b, viewer] = [await newUser(), await newUser(), await newUser()]
    await call('PUT', `/v1/users/${viewer.id}/following/${b.id}`, { token: viewer.token })
    const original = await newPost(a)
    const rp = await newPost(b, { text: '', repostOfId: original.id })
    const inNetwork = async () =>
      inNetworkResponse.parse(
        (await call('GET', `/v1/users/${viewer.id}/in-network`, { token: viewer.token })).body,
      )
    expect((await eventually(inNetwork, (r) => r.posts.length === 1)).posts.map((p) => p.postId)).toEqual([
      rp.id,
    ])

    expect((await call('DELETE', `/v1/posts/${original.id}`, { token: a.token })).status).toBe(200)
    expect((await call('GET', `/v1/posts/${rp.id}`, { token: ADMIN })).status).toBe(404)
    const lookup = lookupPostsResponse.parse(
      (await call('POST', '/v1/posts/lookup', { token: ADMIN, body: { ids: [rp.id] } })).body,
    )
    expect(lookup.missing).toEqual([rp.id])
    expect((await eventually(inNetwork, (r) => r.posts.length === 0)).posts).toEqual([])
    // b may repost again only something that exists.
    const again = await call('POST', '/v1/posts', { token: b.token, body: { repostOfId: original.id } })
    expect(again.status).toBe(404)
  }, 20_000)

  it('leaves quotes and replies readable, saying the post they point at is unavailable', async () => {
    const [a, b] = [await newUser(), await newUser()]
    const original = await newPost(a)
    const quote = await newPost(b, { quoteOfId: original.id })
    const reply = await newPost(b, { replyToId: original.id })
    expect(await read(quote.id)).toMatchObject({ quoted: { id: original.id, available: true } })
    expect(await read(reply.id)).toMatchObject({ parent: { id: original.id, available: true } })

    await call('DELETE', `/v1/posts/${original.id}`, { token: a.token })
    expect(await read(quote.id)).toMatchObject({
      quoteOfId: original.id,
      quoted: { id: original.id, available: false },
    })
    expect(await read(reply.id)).toMatchObject({
      replyToId: original.id,
      parent: { id: original.id, available: false },
    })
    const lookup = lookupPostsResponse.parse(
      (await call('POST', '/v1/posts/lookup', { token: ADMIN, body: { ids: [quote.id, reply.id] } })).body,
    )
    expect(lookup.posts.map((p) => [p.quoted?.available, p.parent?.available])).toEqual([
      [false, undefined],
      [undefined, false],
    ])
  })
})
