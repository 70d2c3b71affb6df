// The post-ingest consumer and the retrieval index: new posts are embedded by Grox (not here), deletes remove
// the embedding and leave a tombstone so a late write cannot bring it back, redelivery changes nothing.
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
  it('leaves new posts to Grox: a created event embeds nothing (the post-embedding plan does it)', async () => {
    const a = await stored()
    const first = await deliver([a.created])
    expect(first.retryMessages).toEqual([])
    expect((await retrievalIndex(env).embeddings([a.id])).size).toBe(0)
  })

  it('removes a deleted post; an embedding written after the delete (a late Grox sink) does not bring it back', async () => {
    const p = await stored()
    const records = await lookupPosts(env, [p.id])
    const [embedding] = embedPosts(
      await postTower(env),
      [candidateInputOf(records.get(p.id)!, false)],
      Date.now(),
    )
    const row = {
      postId: p.id,
      authorId: records.get(p.id)!.authorId,
      createdAt: records.get(p.id)!.createdAt,
      embedding: embedding!,
    }
    await retrievalIndex(env).upsert([row])
    expect((await retrievalIndex(env).embeddings([p.id])).size).toBe(1)
    await deliver([p.deleted])
    expect((await retrievalIndex(env).embeddings([p.id])).size).toBe(0)
    await retrievalIndex(env).upsert([row])
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
