import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { deadLettersResponse, postOutboxResponse } from '../../../shared/types/api/admin.ts'
import { thunderStatsSchema } from '../../../shared/types/api/thunder.ts'
import { deadLetterLog } from '../../ops/dead-letter-log'
import { postShards } from '../../posts/post-client'
import { ADMIN, call, eventually, failure, newPost, newUser, uniqueId } from '../api.fixtures'

describe('admin ops routes', () => {
  it('inserts straight into Thunder shards (idempotently) and reports per-shard stats', async () => {
    const author = uniqueId()
    const posts = Array.from({ length: 3 }, (_, i) => ({
      postId: uniqueId(),
      authorId: author,
      createdAt: Date.now() - i * 1000,
      hasVideo: false,
    }))
    const before = thunderStatsSchema.parse(
      (await call('GET', '/v1/admin/thunder/stats', { token: ADMIN })).body,
    )
    expect(before.shards.map((s) => s.shard)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    const insert = () => call('POST', '/v1/admin/thunder/posts', { token: ADMIN, body: { posts } })
    expect((await insert()).body).toEqual({ inserted: 3, skipped: 0, failedShards: [] })
    expect((await insert()).body).toEqual({ inserted: 0, skipped: 3, failedShards: [] })
    const after = thunderStatsSchema.parse(
      (await call('GET', '/v1/admin/thunder/stats', { token: ADMIN })).body,
    )
    expect(after.totalPosts - before.totalPosts).toBe(3)
    const bad = await call('POST', '/v1/admin/thunder/posts', {
      token: ADMIN,
      body: { posts: [{ ...posts[0], createdAt: 'now' }] },
    })
    expect(failure(bad)).toMatchObject({ status: 400, field: 'posts.0.createdAt' })
  })

  it('counts post events not yet confirmed by the ingest consumer, per post shard, to the admin only', async () => {
    const outbox = async () =>
      postOutboxResponse.parse((await call('GET', '/v1/admin/posts/outbox', { token: ADMIN })).body)
    const author = await newUser()
    const post = await newPost(author)
    const shard = postShards(env).shardOf(post.id)
    // The consumer takes a batch after up to 1 s: the event is still pending right after the write.
    const sent = await outbox()
    expect(sent.shards.map((s) => s.shard)).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect(sent.shards[shard]?.pending).toBeGreaterThanOrEqual(1)
    expect(sent.pending).toBe(sent.shards.reduce((n, s) => n + s.pending, 0))
    const drained = await eventually(outbox, (o) => o.pending === 0, 15_000)
    expect(drained.pending).toBe(0)
    expect(failure(await call('GET', '/v1/admin/posts/outbox', { token: author.token }))).toMatchObject({
      status: 403,
    })
  })

  it('lists dead letters newest first with a bounded limit, to the admin only', async () => {
    const id = `dl-${crypto.randomUUID()}`
    await deadLetterLog(env).record([
      { id, queue: 'fye-post-ingest', reason: 'test', attempts: 6, body: { a: 1 } },
    ])
    const res = await call('GET', '/v1/admin/dead-letters?limit=500', { token: ADMIN })
    const { deadLetters, total } = deadLettersResponse.parse(res.body)
    expect(total).toBeGreaterThanOrEqual(1)
    expect(deadLetters.find((d) => d.id === id)).toMatchObject({
      queue: 'fye-post-ingest',
      attempts: 6,
      body: { a: 1 },
    })
    expect((await call('GET', '/v1/admin/dead-letters?limit=501', { token: ADMIN })).status).toBe(400)
    const user = await newUser()
    expect((await call('GET', '/v1/admin/dead-letters', { token: user.token })).status).toBe(403)
  })
})
