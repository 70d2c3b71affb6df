import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { uniqueId } from '../api/api.fixtures'
import { lookupPosts, storePosts } from './post-client'
import { ZERO_COUNTS } from './post-record'
import { PostStore } from './post-store'

function record(id: string) {
  const now = Date.now()
  return {
    id,
    authorId: '42',
    text: `post ${id}`,
    createdAt: now,
    conversationId: id,
    media: [],
    subscriberOnly: false,
    language: 'en',
    counts: { ...ZERO_COUNTS },
    thunder: { postId: id, authorId: '42', createdAt: now, hasVideo: false },
  }
}

describe('post store batch lookup', () => {
  afterEach(() => vi.restoreAllMocks())

  it('answers 2,000 ids with at most one call per shard (SQL chunked to 100 parameters)', async () => {
    const ids = Array.from({ length: 2000 }, () => uniqueId())
    await storePosts(env, ids.slice(0, 1500).map(record))
    const calls = vi.spyOn(PostStore.prototype, 'getMany')
    const found = await lookupPosts(env, [...ids, ...ids.slice(0, 10)])
    expect(found.size).toBe(1500)
    expect(calls.mock.calls.length).toBeLessThanOrEqual(8)
    expect(calls.mock.calls.flatMap(([group]) => group).length).toBe(2000)
    expect(found.get(ids[0] ?? '')).toMatchObject({ text: `post ${ids[0]}` })
  })

  it('reports an existing id instead of overwriting it', async () => {
    const id = uniqueId()
    const [first] = await storePosts(env, [record(id)])
    const [again] = await storePosts(env, [{ ...record(id), text: 'changed' }])
    expect(first?.status).toBe('created')
    expect(again?.status).toBe('exists')
    expect((await lookupPosts(env, [id])).get(id)?.text).toBe(`post ${id}`)
  })
})
