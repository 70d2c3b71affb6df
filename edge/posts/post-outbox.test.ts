// End-to-end delivery of post events: a post's event stays in its post-store shard's outbox until the
// ingest consumer confirms it was applied to Thunder and the retrieval index; the shard's alarm re-sends
// what is still pending. The lost queue is simulated by a producer that drops every message.
import {
  createExecutionContext,
  createMessageBatch,
  getQueueResult,
  runInDurableObject,
} from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ThunderPostInput } from '../../shared/types/api/thunder.ts'
import { eventually, uniqueId } from '../api/api.fixtures'
import type { Env } from '../env'
import worker from '../index'
import { POST_INGEST_QUEUE } from '../queue/consume-post-ingest'
import type { PostIngestEvent } from '../queue/post-events'
import { retrievalIndex } from '../retrieval/retrieval-index'
import { failShardCalls } from '../shards/shard-failure.fixtures'
import { thunderShards } from '../thunder/thunder-client'
import { createPosts, type NewPost } from './create-posts'
import { deletePost } from './delete-posts'
import { postShards } from './post-client'
import type { PostStore } from './post-store'

/** The Worker's env with a queue that accepts every message and delivers none (a crash before delivery). */
const lostQueue = {
  ...env,
  POST_INGEST: { send: async () => {}, sendBatch: async () => {} },
} as unknown as Env

const HOUR = 3_600_000
/** New posts reach the retrieval index through Grox (post ingest -> fye-grox -> dispatcher -> engine): three queue hops. */
const GROX_EMBEDDING_MS = 20_000

function post(authorId: string, agoMs: number): NewPost {
  return {
    id: uniqueId(),
    authorId,
    text: `launch window opens ${agoMs}`,
    createdAt: Date.now() - agoMs,
    media: [],
    subscriberOnly: false,
    language: 'en',
  }
}

async function held(authorId: string): Promise<string[]> {
  const q = { viewerId: '1', authorIds: [authorId], followedIds: [authorId], excludeIds: [], limit: 100 }
  return (
    await thunderShards(env)
      .stubFor(authorId)
      .fetchPosts({ ...q, videosOnly: false })
  ).map((p) => p.postId)
}

const shardOf = (id: string) => postShards(env).stubFor(id) as DurableObjectStub<PostStore>

/** What the shard's alarm does when it fires `laterMs` from now: re-send every event due by then. */
const alarmLater = (id: string, laterMs: number) =>
  runInDurableObject(shardOf(id), (store: PostStore) => store.resendDue(Date.now() + laterMs))

const pending = (id: string) => shardOf(id).pendingEvents([id])

describe('post event outbox', () => {
  afterEach(() => vi.restoreAllMocks())

  it('re-sends a created event that was never consumed from the alarm; it lands in Thunder and the index exactly once', async () => {
    const author = uniqueId()
    const posts = [post(author, 60_000), post(author, 30_000)]
    const ids = posts.map((p) => p.id ?? '')
    const { published } = await createPosts(lostQueue, posts, { strictRefs: false })
    expect(published).toBe(2)
    expect(await held(author)).toEqual([])
    for (const id of ids) {
      expect(await pending(id)).toEqual([{ postId: id, type: 'post.created' }])
      const alarm = await runInDurableObject(shardOf(id), (_s, state) => state.storage.getAlarm())
      expect(alarm).not.toBeNull()
    }
    // Not due yet: the consumer normally confirms long before the alarm.
    for (const id of ids) await runInDurableObject(shardOf(id), (s: PostStore) => s.resendDue(Date.now()))
    expect(await held(author)).toEqual([])

    for (const id of new Set(ids)) await alarmLater(id, HOUR)
    const inThunder = await eventually(
      () => held(author),
      (h) => h.length === 2,
    )
    expect(inThunder).toEqual([ids[1], ids[0]])
    const embedded = await eventually(
      () => retrievalIndex(env).embeddings(ids),
      (m) => m.size === 2,
      GROX_EMBEDDING_MS,
    )
    expect([...embedded.keys()].sort()).toEqual([...ids].sort())
    // The consumer's confirmation empties the outbox, so a later alarm sends nothing again.
    for (const id of ids)
      await eventually(
        () => pending(id),
        (p) => p.length === 0,
      )
    for (const id of ids) expect(await pending(id)).toEqual([])
    await alarmLater(ids[0] ?? '', 2 * HOUR)
    expect(await held(author)).toEqual([ids[1], ids[0]])
  }, 40_000)

  it('re-publishes on re-ingest while the post is unconfirmed, and not once it is confirmed', async () => {
    const author = uniqueId()
    const p = post(author, 10_000)
    expect((await createPosts(lostQueue, [p], { strictRefs: false })).published).toBe(1)
    const again = await createPosts(env, [p], { strictRefs: false })
    expect(again.published).toBe(1)
    expect(again.items[0]?.outcome?.status).toBe('exists')
    expect(
      await eventually(
        () => held(author),
        (h) => h.length === 1,
      ),
    ).toEqual([p.id])
    await eventually(
      () => pending(p.id ?? ''),
      (q) => q.length === 0,
    )
    expect((await createPosts(env, [p], { strictRefs: false })).published).toBe(0)
  })

  it('re-sends a lost delete; the delete replaces a pending create', async () => {
    const author = uniqueId()
    const kept = post(author, 20_000)
    await createPosts(env, [kept], { strictRefs: false })
    const id = kept.id ?? ''
    await eventually(
      () => held(author),
      (h) => h.length === 1,
    )
    await eventually(
      () => retrievalIndex(env).embeddings([id]),
      (m) => m.size === 1,
      GROX_EMBEDDING_MS,
    )

    await deletePost(lostQueue, id, { kind: 'admin' }, Date.now())
    expect(await pending(id)).toEqual([{ postId: id, type: 'post.deleted' }])
    expect(await held(author)).toEqual([id])
    await alarmLater(id, HOUR)
    expect(
      await eventually(
        () => held(author),
        (h) => h.length === 0,
      ),
    ).toEqual([])
    expect(
      (
        await eventually(
          () => retrievalIndex(env).embeddings([id]),
          (m) => m.size === 0,
        )
      ).size,
    ).toBe(0)
    await eventually(
      () => pending(id),
      (q) => q.length === 0,
    )

    const neverSent = post(author, 5_000)
    await createPosts(lostQueue, [neverSent], { strictRefs: false })
    await deletePost(lostQueue, neverSent.id ?? '', { kind: 'admin' }, Date.now())
    expect(await pending(neverSent.id ?? '')).toEqual([{ postId: neverSent.id, type: 'post.deleted' }])
  }, 40_000)

  it('is cleared by the consumer only for events it applied; a failed one stays pending', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const a = uniqueId()
    let b = uniqueId()
    const shardOfA = (await thunderShards(env).stubFor(a).id).toString()
    while ((await thunderShards(env).stubFor(b).id).toString() === shardOfA) b = uniqueId()
    const [pa, pb] = [post(a, 9_000), post(b, 8_000)]
    const { items } = await createPosts(lostQueue, [pa, pb], { strictRefs: false })
    failShardCalls(
      'thunder',
      (group) => (group as ThunderPostInput[]).some((p) => p.authorId === a),
      'shard down',
    )
    const events = items.map((i): PostIngestEvent => ({ type: 'post.created', post: i.record.thunder }))
    const batch = createMessageBatch(
      POST_INGEST_QUEUE,
      events.map((body, i) => ({ id: `outbox-${i}`, timestamp: new Date(), attempts: 1, body })),
    )
    await worker.queue(batch, env)
    const result = await getQueueResult(batch, createExecutionContext())
    expect(result.explicitAcks).toEqual(['outbox-1'])
    expect(await pending(pa.id ?? '')).toEqual([{ postId: pa.id, type: 'post.created' }])
    expect(await pending(pb.id ?? '')).toEqual([])
  })
})
