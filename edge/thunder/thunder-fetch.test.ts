import { describe, expect, it } from 'vitest'
import { freshShard, HOUR, ids, MIN, original, query, reply, repost, VIEWER } from './thunder.fixtures'
import { THUNDER_CAPS } from './thunder-caps'

const NOW = Date.now()
const A = '101'
const B = '102'
const C = '103'

describe('ThunderShard fetch', () => {
  it('returns newest first and skips excluded ids (upstream: newest 5 of 10; excluding 8-10 gives 3-7)', async () => {
    const shard = freshShard()
    const posts = Array.from({ length: 10 }, (_, i) => original(A, NOW - (10 - i) * MIN))
    await shard.apply({ inserts: posts, tombstones: [] }, NOW)
    const newest = await shard.fetchPosts(query([A], { limit: 5 }), NOW)
    expect(ids(newest)).toEqual(ids(posts.slice(5).reverse()))
    const excluded = await shard.fetchPosts(query([A], { limit: 5, excludeIds: ids(posts.slice(7)) }), NOW)
    expect(ids(excluded)).toEqual(ids(posts.slice(2, 7).reverse()))
  })

  it('caps each author: 50 originals, 30 secondary, 20 videos', async () => {
    const shard = freshShard()
    const root = original(B, NOW - 5 * HOUR)
    const originals = Array.from({ length: 60 }, (_, i) =>
      original(A, NOW - 4 * HOUR + i * MIN, { hasVideo: i % 2 === 0 }),
    )
    const replies = Array.from({ length: 40 }, (_, i) => reply(A, NOW - 3 * HOUR + i * MIN, { post: root }))
    await shard.apply({ inserts: [root, ...originals, ...replies], tombstones: [] }, NOW)
    const got = await shard.fetchPosts(query([A]), NOW)
    expect(got.filter((p) => p.kind === 'original')).toHaveLength(THUNDER_CAPS.maxOriginalPerAuthor)
    expect(got.filter((p) => p.kind === 'reply')).toHaveLength(THUNDER_CAPS.maxReplyPerAuthor)
    const videos = await shard.fetchPosts(query([A], { videosOnly: true }), NOW)
    expect(videos).toHaveLength(THUNDER_CAPS.maxVideoPerAuthor)
    expect(videos.every((p) => p.videoEligible)).toBe(true)
    // Newest first across both lists.
    const times = got.map((p) => p.createdAt)
    expect(times).toEqual([...times].sort((x, y) => y - x))
  })

  it('applies the reply rule and drops reposts of the viewer (upstream test_reply_and_retweet_filtering)', async () => {
    const shard = freshShard()
    const root = original(B, NOW - 3 * HOUR)
    const viewerPost = original(VIEWER, NOW - 3 * HOUR)
    const toRoot = reply(C, NOW - 2 * HOUR, { post: root })
    const keep1001 = reply(A, NOW - 60 * MIN, { post: root })
    const keep1002 = reply(A, NOW - 50 * MIN, { post: toRoot }) // parent replies to root; C is followed
    const drop1003 = reply(A, NOW - 40 * MIN, { post: toRoot }, { replyToUserId: '999' }) // not followed
    const keep1004 = repost(A, NOW - 30 * MIN, root)
    const drop1005 = repost(A, NOW - 20 * MIN, viewerPost)
    const deeper = reply(C, NOW - 15 * MIN, { post: toRoot })
    const drop1006 = reply(A, NOW - 10 * MIN, { post: deeper }) // parent is a reply to a reply
    const inserts = [
      root,
      viewerPost,
      toRoot,
      keep1001,
      keep1002,
      drop1003,
      keep1004,
      drop1005,
      deeper,
      drop1006,
    ]
    await shard.apply({ inserts, tombstones: [] }, NOW)
    const got = await shard.fetchPosts(query([A], { followedIds: [A, B, C] }), NOW)
    expect(ids(got)).toEqual(ids([keep1004, keep1002, keep1001]))
  })

  it('drops a reply whose parent left the store: deleted, expired, or never known', async () => {
    const shard = freshShard()
    const oldRoot = original(B, NOW - 47 * HOUR)
    const root = original(B, NOW - 2 * HOUR)
    const toOld = reply(A, NOW - 10 * MIN, { post: oldRoot })
    const toDeleted = reply(A, NOW - 9 * MIN, { post: root })
    const orphan = { ...reply(A, NOW - 8 * MIN, { post: root }), parent: undefined }
    await shard.apply({ inserts: [toOld, toDeleted, orphan], tombstones: [] }, NOW)
    expect(ids(await shard.fetchPosts(query([A]), NOW))).toEqual(ids([toDeleted, toOld]))
    // The parent's delete reaches every shard, so this one learns of it too.
    await shard.apply({ inserts: [], tombstones: [{ postId: root.postId, deletedAt: NOW }] }, NOW)
    expect(ids(await shard.fetchPosts(query([A]), NOW))).toEqual(ids([toOld]))
    // Two hours later the old root is past 48 h, so its reply goes too.
    expect(await shard.fetchPosts(query([A]), NOW + 2 * HOUR)).toEqual([])
  })

  it('makes reposts of non-reply videos video-eligible, never replies', async () => {
    const shard = freshShard()
    const video = original(B, NOW - HOUR, { hasVideo: true })
    const videoReply = reply(B, NOW - 50 * MIN, { post: video }, { hasVideo: true })
    const rp = repost(A, NOW - 40 * MIN, video)
    const rpOfReply = repost(A, NOW - 30 * MIN, videoReply)
    await shard.apply({ inserts: [video, videoReply, rp, rpOfReply], tombstones: [] }, NOW)
    const videos = await shard.fetchPosts(query([A, B], { videosOnly: true }), NOW)
    expect(ids(videos)).toEqual(ids([rp, video]))
  })

  it('stops after scanning 200 entries per list, excluded ones included', async () => {
    const shard = freshShard()
    const posts = Array.from({ length: 250 }, (_, i) => original(A, NOW - 5 * HOUR + i * MIN))
    await shard.apply({ inserts: posts, tombstones: [] }, NOW)
    const excludeIds = ids(posts.slice(50))
    expect(await shard.fetchPosts(query([A], { excludeIds }), NOW)).toEqual([])
    const fewer = ids(posts.slice(60))
    expect(await shard.fetchPosts(query([A], { excludeIds: fewer }), NOW)).toHaveLength(10)
  })

  it('returns nothing for authors it does not hold and honours the limit', async () => {
    const shard = freshShard()
    await shard.apply({ inserts: [original(A, NOW - MIN), original(B, NOW - 2 * MIN)], tombstones: [] }, NOW)
    expect(await shard.fetchPosts(query(['555']), NOW)).toEqual([])
    expect(await shard.fetchPosts(query([A, B], { limit: 1 }), NOW)).toHaveLength(1)
  })
})
