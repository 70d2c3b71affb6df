import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { deadLettersResponse } from '../../shared/types/api/admin.ts'
import type { ThunderPostInput } from '../../shared/types/api/thunder.ts'
import { ADMIN, call, eventually, uniqueId } from '../api/api.fixtures'
import worker from '../index'
import { listDeadLetters } from '../ops/dead-letter-log'
import { failShardCalls } from '../shards/shard-failure.fixtures'
import { thunderShards } from '../thunder/thunder-client'
import { POST_INGEST_QUEUE } from './consume-post-ingest'
import type { PostIngestEvent } from './post-events'

let batchNo = 0
async function deliver(bodies: unknown[], attempts = 1) {
  const prefix = `b${batchNo++}`
  const batch = createMessageBatch(
    POST_INGEST_QUEUE,
    bodies.map((body, i) => ({ id: `${prefix}-${i}`, timestamp: new Date(), attempts, body })),
  )
  const ctx = createExecutionContext()
  await worker.queue(batch, env)
  return getQueueResult(batch, ctx)
}

function created(authorId: string, at = Date.now() - 60_000): PostIngestEvent & { post: ThunderPostInput } {
  return { type: 'post.created', post: { postId: uniqueId(), authorId, createdAt: at, hasVideo: false } }
}
const deleted = (e: { post: ThunderPostInput }): PostIngestEvent => ({
  type: 'post.deleted',
  postId: e.post.postId,
  authorId: e.post.authorId,
  deletedAt: Date.now(),
})

async function heldPosts(authorId: string, videosOnly = false) {
  const q = {
    viewerId: '1',
    authorIds: [authorId],
    followedIds: [authorId],
    excludeIds: [],
    limit: 100,
    videosOnly,
  }
  return thunderShards(env).stubFor(authorId).fetchPosts(q)
}
const held = async (authorId: string) => (await heldPosts(authorId)).map((p) => p.postId)

describe('post ingest consumer', () => {
  afterEach(() => vi.restoreAllMocks())

  it('does not duplicate anything when a batch is delivered twice', async () => {
    const author = uniqueId()
    const events = [created(author), created(author, Date.now() - 30_000)]
    const first = await deliver(events)
    expect(first.explicitAcks.sort()).toEqual([`b${batchNo - 1}-0`, `b${batchNo - 1}-1`])
    const second = await deliver(events, 2)
    expect(second.retryMessages).toEqual([])
    expect(await held(author)).toEqual([events[1]?.post.postId, events[0]?.post.postId])
    expect((await thunderShards(env).stubFor(author).stats()).rows.posts).toBeGreaterThanOrEqual(2)
  })

  it('keeps the first write when a redelivered post.created carries changed data (no event ids needed)', async () => {
    const author = uniqueId()
    const first = created(author, Date.now() - 60_000)
    await deliver([first])
    const changed = { ...first, post: { ...first.post, createdAt: Date.now() - 30_000, hasVideo: true } }
    const again = await deliver([changed], 2)
    expect(again.explicitAcks).toEqual([`b${batchNo - 1}-0`])
    const posts = await heldPosts(author)
    expect(posts.map((p) => [p.postId, p.createdAt, p.videoEligible])).toEqual([
      [first.post.postId, first.post.createdAt, false],
    ])
    expect(await heldPosts(author, true)).toEqual([])
  })

  it('applies a delete that shares a batch with, or overtakes, its create', async () => {
    const author = uniqueId()
    const same = created(author)
    const early = created(author)
    await deliver([same, deleted(same), deleted(early)])
    await deliver([early])
    await deliver([same], 2)
    expect(await held(author)).toEqual([])
  })

  it('dead-letters bodies that fail the schema and acks them', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const result = await deliver([{ type: 'post.created' }, 'junk', created(uniqueId())])
    expect(result.explicitAcks).toHaveLength(3)
    const { deadLetters } = await listDeadLetters(env, 500)
    const mine = deadLetters.filter((d) => d.id.startsWith(`b${batchNo - 1}-`))
    expect(mine.map((d) => d.reason).every((r) => r.startsWith('invalid:'))).toBe(true)
    expect(mine).toHaveLength(2)
  })

  it('retries only the messages of a failing shard, with backoff', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const a = uniqueId()
    let b = uniqueId()
    const shardOfA = (await thunderShards(env).stubFor(a).id).toString()
    while ((await thunderShards(env).stubFor(b).id).toString() === shardOfA) b = uniqueId()
    failShardCalls(
      'thunder',
      (group) => (group as ThunderPostInput[]).some((p) => p.authorId === a),
      'shard down',
    )
    const result = await deliver([created(a), created(b)], 3)
    // Tests run with QUEUE_RETRY_BASE_DELAY_S=0; the backoff curve itself is pinned in consume-events.test.ts.
    expect(result.retryMessages.map((m) => m.msgId)).toEqual([`b${batchNo - 1}-0`])
    expect(result.explicitAcks).toEqual([`b${batchNo - 1}-1`])
  })

  it('sends a message that keeps failing to the dead-letter queue, visible to the admin', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const event = created(uniqueId())
    // Only this message's writes fail, so deliveries of other tests' posts are untouched.
    failShardCalls(
      'thunder',
      (group) => (group as ThunderPostInput[]).some((p) => p.postId === event.post.postId),
      'shard down for good',
    )
    await env.POST_INGEST.send(event)
    const list = async () =>
      deadLettersResponse.parse(
        (await call('GET', '/v1/admin/dead-letters?limit=500', { token: ADMIN })).body,
      )
    const found = await eventually(
      list,
      (r) => r.deadLetters.some((d) => JSON.stringify(d.body).includes(event.post.postId)),
      25_000,
    )
    const letter = found.deadLetters.find((d) => JSON.stringify(d.body).includes(event.post.postId))
    expect(letter).toMatchObject({ queue: 'fye-post-ingest', reason: 'retries exhausted', body: event })
  }, 30_000)
})
