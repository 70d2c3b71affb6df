// The post-ingest consumer feeds the retrieval index: created posts get their post-tower embedding, deletes
// remove it, redelivery changes nothing.
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { uniqueId } from '../api/api.fixtures'
import worker from '../index'
import { candidateInputOf } from '../models/candidate-input'
import { embedPosts, postTower } from '../models/edge-models'
import { lookupPosts, storePosts } from '../posts/post-client'
import { ZERO_COUNTS } from '../posts/post-record'
import { POST_INGEST_QUEUE } from '../queue/consume-post-ingest'
import type { PostIngestEvent } from '../queue/post-events'
import { retrievalIndex } from './retrieval-index'

let batchNo = 0
async function deliver(events: PostIngestEvent[], attempts = 1) {
  const batch = createMessageBatch(
    POST_INGEST_QUEUE,
    events.map((body, i) => ({ id: `ri${batchNo}-${i}`, timestamp: new Date(), attempts, body })),
  )
  batchNo++
  const ctx = createExecutionContext()
  await worker.queue(batch, env)
  return getQueueResult(batch, ctx)
}

async function stored(opts: { repostOf?: string; video?: boolean } = {}) {
  const id = uniqueId()
  const authorId = uniqueId()
  const createdAt = Date.now() - 60_000
  await storePosts(env, [
    {
      id,
      authorId,
      text: opts.repostOf ? '' : `rocket launch tonight ${id}`,
      createdAt,
      conversationId: id,
      media: opts.video ? [{ type: 'video', durationMs: 12_000 }] : [],
      subscriberOnly: false,
      language: 'en',
      counts: { ...ZERO_COUNTS, favorite: 12 },
      ...(opts.repostOf ? { repostOfId: opts.repostOf } : {}),
      thunder: { postId: id, authorId, createdAt, hasVideo: opts.video ?? false },
    },
  ])
  const created: PostIngestEvent = {
    type: 'post.created',
    post: { postId: id, authorId, createdAt, hasVideo: opts.video ?? false },
  }
  const deleted: PostIngestEvent = {
    type: 'post.deleted',
    postId: id,
    authorId,
    deletedAt: Date.now(),
  }
  return { id, created, deleted }
}

describe('post ingest → retrieval index', () => {
  it('stores the post-tower embedding of each created post, and redelivery changes nothing', async () => {
    const a = await stored()
    const b = await stored({ video: true })
    const first = await deliver([a.created, b.created])
    expect(first.retryMessages).toEqual([])
    const index = retrievalIndex(env)
    const found = await index.embeddings([a.id, b.id])
    expect([...found.keys()].sort()).toEqual([a.id, b.id].sort())

    // The same tower pass run directly over the stored records gives the same vectors.
    const records = await lookupPosts(env, [a.id, b.id])
    const direct = embedPosts(
      await postTower(env),
      [a.id, b.id].map((id) => candidateInputOf(records.get(id)!, false)),
      Date.now(),
    )
    expect([...found.get(a.id)!]).toEqual([...direct[0]!])
    expect([...found.get(b.id)!]).toEqual([...direct[1]!])
    expect(Math.hypot(...found.get(a.id)!)).toBeCloseTo(1, 5)

    // A post is its own nearest neighbour.
    const [hit] = await index.topK(found.get(a.id)!, 1)
    expect(hit?.postId).toBe(a.id)

    const again = await deliver([a.created, b.created], 2)
    expect(again.retryMessages).toEqual([])
    expect([...(await index.embeddings([a.id])).get(a.id)!]).toEqual([...direct[0]!])
  })

  it('removes a deleted post; a create redelivered after the delete does not bring it back', async () => {
    const p = await stored()
    await deliver([p.created])
    expect((await retrievalIndex(env).embeddings([p.id])).size).toBe(1)
    await deliver([p.deleted])
    await deliver([p.created], 2)
    expect((await retrievalIndex(env).embeddings([p.id])).size).toBe(0)
  })

  it('a delete sharing the batch with its create wins', async () => {
    const p = await stored()
    const result = await deliver([p.created, p.deleted])
    expect(result.retryMessages).toEqual([])
    expect((await retrievalIndex(env).embeddings([p.id])).size).toBe(0)
  })

  it('skips reposts (no content of their own) and posts missing from the store, and acks them', async () => {
    const original = await stored()
    const repost = await stored({ repostOf: original.id })
    const ghost: PostIngestEvent = {
      type: 'post.created',
      post: { postId: uniqueId(), authorId: uniqueId(), createdAt: Date.now(), hasVideo: false },
    }
    const result = await deliver([repost.created, ghost])
    expect(result.retryMessages).toEqual([])
    expect(result.explicitAcks).toHaveLength(2)
    expect((await retrievalIndex(env).embeddings([repost.id])).size).toBe(0)
  })
})
