import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { toStoredPost } from './stored-post'
import { freshShard, HOUR, ids, MIN, original, query, reply, repost, restarted } from './thunder.fixtures'
import { THUNDER_CAPS } from './thunder-caps'
import { insertPost } from './thunder-store'

const NOW = Date.now()
const A = '201'
const B = '202'

describe('ThunderShard storage', () => {
  it('inserts idempotently: the same batch twice stores each post once', async () => {
    const shard = freshShard()
    const batch = { inserts: [original(A, NOW - MIN), original(A, NOW - 2 * MIN)], tombstones: [] }
    expect(await shard.apply(batch, NOW)).toEqual({ inserted: 2, skipped: 0, removed: 0 })
    expect(await shard.apply(batch, NOW)).toEqual({ inserted: 0, skipped: 2, removed: 0 })
    const stats = await shard.stats()
    expect(stats).toMatchObject({ posts: 2, authors: 1, rows: { posts: 2, tombstones: 0 } })
  })

  it('drops posts older than 48 h or from the future at insert', async () => {
    const shard = freshShard()
    const old = original(A, NOW - THUNDER_CAPS.retentionMs - 1)
    const future = original(A, NOW + THUNDER_CAPS.futureSkewMs + 1)
    const ok = original(A, NOW - THUNDER_CAPS.retentionMs + MIN)
    expect(await shard.apply({ inserts: [old, future, ok], tombstones: [] }, NOW)).toMatchObject({
      inserted: 1,
      skipped: 2,
    })
  })

  it('evicts the oldest posts beyond 512 per author list', async () => {
    const shard = freshShard()
    const posts = Array.from({ length: THUNDER_CAPS.maxPostingListSize + 8 }, (_, i) =>
      original(A, NOW - 10 * HOUR + i * 10_000),
    )
    await shard.apply({ inserts: posts, tombstones: [] }, NOW)
    const stats = await shard.stats()
    expect(stats.posts).toBe(THUNDER_CAPS.maxPostingListSize)
    expect(stats.rows.posts).toBe(THUNDER_CAPS.maxPostingListSize)
    const got = await shard.fetchPosts(query([A], { limit: 1 }), NOW)
    expect(ids(got)).toEqual([posts.at(-1)?.postId])
  })

  it("evicts the oldest post entirely when an author's video list is full, as upstream does", async () => {
    const name = `test-${crypto.randomUUID()}`
    const shard = freshShard(name)
    const cap = THUNDER_CAPS.maxPostingListSize
    const source = original(B, NOW - 20 * HOUR, { hasVideo: true })
    const oldestVideo = original(A, NOW - 10 * HOUR, { hasVideo: true })
    // Video reposts go on the secondary list, so only the video list reaches the cap.
    const reposts = Array.from({ length: cap - 1 }, (_, i) => repost(A, NOW - 9 * HOUR + i * 10_000, source))
    const plain = original(A, NOW - 2 * HOUR)
    await shard.apply({ inserts: [source, oldestVideo, ...reposts, plain], tombstones: [] }, NOW)
    expect((await shard.stats()).posts).toBe(1 + 1 + (cap - 1) + 1)
    const newestVideo = original(A, NOW - HOUR, { hasVideo: true })
    expect(await shard.apply({ inserts: [newestVideo], tombstones: [] }, NOW)).toMatchObject({ inserted: 1 })
    const check = async (stub: typeof shard) => {
      expect(await stub.stats()).toMatchObject({ posts: cap + 2, rows: { posts: cap + 2 } })
      const held = ids(await stub.fetchPosts(query([A]), NOW))
      expect(held).toContain(newestVideo.postId)
      expect(held).toContain(plain.postId)
      expect(held).not.toContain(oldestVideo.postId)
    }
    await check(shard)
    await check(await restarted(name))
  })

  it('applies the caps when rebuilding from disk, and deletes the rows they push out', async () => {
    const name = `test-${crypto.randomUUID()}`
    const cap = THUNDER_CAPS.maxPostingListSize
    // Rows as an older rule (or a larger cap) could have left them: 8 video posts more than one list holds.
    const posts = Array.from({ length: cap + 8 }, (_, i) =>
      original(A, NOW - 10 * HOUR + i * 10_000, { hasVideo: true }),
    )
    await runInDurableObject(freshShard(name), (_instance, state) => {
      for (const p of posts) insertPost(state.storage.sql, toStoredPost(p))
    })
    const shard = await restarted(name)
    expect(await shard.stats()).toMatchObject({ posts: cap, rows: { posts: cap } })
    const videos = await shard.fetchPosts(query([A], { videosOnly: true, limit: 1 }), NOW)
    expect(ids(videos)).toEqual([posts.at(-1)?.postId])
  })

  it('deletes with tombstones: removes the post, blocks a later (re)insert, then ages out', async () => {
    const shard = freshShard()
    const post = original(A, NOW - HOUR)
    const early = original(A, NOW - HOUR)
    await shard.apply({ inserts: [post], tombstones: [] }, NOW)
    const del = { inserts: [], tombstones: [{ postId: post.postId, deletedAt: NOW }] }
    expect(await shard.apply(del, NOW)).toMatchObject({ removed: 1 })
    expect(await shard.apply(del, NOW)).toMatchObject({ removed: 0 })
    // A redelivered create, and a create that arrives after its delete, stay out.
    await shard.apply({ inserts: [post], tombstones: [{ postId: early.postId, deletedAt: NOW }] }, NOW)
    await shard.apply({ inserts: [early], tombstones: [] }, NOW)
    expect(await shard.fetchPosts(query([A]), NOW)).toEqual([])
    expect(await shard.stats()).toMatchObject({ posts: 0, tombstones: 2 })
    expect(await shard.trim(NOW + THUNDER_CAPS.tombstoneRetentionMs + 1)).toEqual({
      expiredPosts: 0,
      expiredTombstones: 2,
    })
    expect(await shard.stats()).toMatchObject({ tombstones: 0, rows: { posts: 0, tombstones: 0 } })
  })

  it('trims expired posts from memory and disk, keeping the fresh ones', async () => {
    const shard = freshShard()
    const old = original(A, NOW - 47 * HOUR)
    const fresh = original(A, NOW - HOUR)
    const root = original(B, NOW - 2 * HOUR)
    const r = reply(B, NOW - 30 * MIN, { post: root })
    await shard.apply({ inserts: [old, fresh, root, r], tombstones: [] }, NOW)
    expect(await shard.trim(NOW + 2 * HOUR)).toEqual({ expiredPosts: 1, expiredTombstones: 0 })
    expect(await shard.stats()).toMatchObject({ posts: 3, rows: { posts: 3 } })
    expect(ids(await shard.fetchPosts(query([A]), NOW + 2 * HOUR))).toEqual([fresh.postId])
  })

  it('arms a trimming alarm while it holds posts, and the alarm trims', async () => {
    const name = crypto.randomUUID()
    let shard = freshShard(name)
    await shard.apply({ inserts: [original(A, NOW - MIN)], tombstones: [] })
    const alarm = await runInDurableObject(shard, (_i, state) => state.storage.getAlarm())
    expect(alarm).toBeGreaterThan(Date.now())
    expect(alarm).toBeLessThanOrEqual(Date.now() + THUNDER_CAPS.trimIntervalMs)
    // Age the row on disk as if two days had passed; the restart rebuilds memory from it; the alarm trims.
    await runInDurableObject(shard, (_i, state) => {
      state.storage.sql.exec('UPDATE posts SET created_at = ?', NOW - 3 * 24 * HOUR)
    })
    shard = await restarted(name)
    expect(await runDurableObjectAlarm(shard)).toBe(true)
    expect(await shard.stats()).toMatchObject({ posts: 0, rows: { posts: 0 } })
  })

  it('loses nothing on restart: the index is rebuilt from SQLite', async () => {
    const name = crypto.randomUUID()
    let shard = freshShard(name)
    const root = original(B, NOW - 2 * HOUR, { hasVideo: true })
    const posts = [root, original(A, NOW - HOUR), reply(A, NOW - 30 * MIN, { post: root })]
    await shard.apply({ inserts: posts, tombstones: [{ postId: '77', deletedAt: NOW }] }, NOW)
    const before = await shard.fetchPosts(query([A, B]), NOW)
    const videosBefore = await shard.fetchPosts(query([A, B], { videosOnly: true }), NOW)
    shard = await restarted(name)
    expect(await shard.stats()).toMatchObject({ posts: 3, authors: 2, tombstones: 1 })
    expect(await shard.fetchPosts(query([A, B]), NOW)).toEqual(before)
    expect(await shard.fetchPosts(query([A, B], { videosOnly: true }), NOW)).toEqual(videosBefore)
    expect(before).toHaveLength(3)
    // The tombstone survived too: the deleted id cannot come back.
    await shard.apply({ inserts: [{ ...original(A, NOW - MIN), postId: '77' }], tombstones: [] }, NOW)
    expect((await shard.stats()).posts).toBe(3)
  })
})
