// The loaders against the real objects: the per-schema mapping of released task messages to payloads (posts
// and authors loaded once for the whole batch; a missing post leaves the payload without one), and the
// on-demand loaders' not-found handling (null / absent, never an error).
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { ADMIN, call, eventually, newPost, newUser, uniqueId } from '../../api/api.fixtures'
import type { Env } from '../../env'
import type { GroxTaskMessage } from '../core/messages'
import type { GroxLoaders, StreamType } from '../core/types'
import { groxSinks } from '../store/grox-store-client'
import { toTaskPayloads } from './message-mapping'
import { onDemandLoaders, REPLY_RANKING_SINK } from './on-demand-loaders'

const ENV = env as unknown as Env

function message(stream: StreamType, postId: string, extra: Partial<GroxTaskMessage['message']> = {}) {
  const source = { source: 'posts' as const, postId, sentAt: 1_000, ...extra }
  return {
    payloadId: `m-${crypto.randomUUID()}:${stream}`,
    stream,
    attempt: 2,
    deadlineMs: 5_000,
    message: source,
  }
}

/** The real loaders, counting the batch calls. */
function countingLoaders() {
  const real = onDemandLoaders(ENV)
  const calls = { loadPosts: [] as string[][], loadUsers: [] as string[][] }
  const loaders: GroxLoaders = {
    ...real,
    loadPosts: (ids) => {
      calls.loadPosts.push([...ids])
      return real.loadPosts(ids)
    },
    loadUsers: (ids) => {
      calls.loadUsers.push([...ids])
      return real.loadUsers(ids)
    },
  }
  return { loaders, calls }
}

describe('message mapping (released task -> TaskPayload)', { timeout: 60_000 }, () => {
  it('loads posts and authors once per batch and maps each schema; a missing post leaves none', async () => {
    const author = await newUser()
    const post = await newPost(author, { text: 'mapping test post' })
    const missing = uniqueId()
    const analysis = { postId: post.id, contentCategories: [], summary: 'earlier summary' }
    const messages = [
      message('post_stream', post.id),
      message('post_embedding_v5_stream', post.id),
      message('post_stream', missing),
      message('safety_ptos_recovery_stream', post.id, { analysis }),
      message('safety_ptos_recovery_stream', post.id),
    ]
    const { loaders, calls } = countingLoaders()
    const payloads = await toTaskPayloads(messages, loaders)

    expect(calls.loadPosts).toEqual([[post.id, post.id, missing, post.id, post.id]])
    expect(calls.loadUsers).toHaveLength(1)
    expect(calls.loadUsers[0]).toContain(author.id)

    const [onPost, onEmbedding, onMissing, withAnalysis, withoutAnalysis] = payloads
    expect(onPost).toMatchObject({
      payloadId: messages[0]!.payloadId,
      attempt: 2,
      deadlineMs: 5_000,
      taskType: 'post_stream',
      eligibilities: ['spam_comment', 'reply_ranking'],
      post: { id: post.id, authorId: author.id, text: 'mapping test post' },
      user: { id: author.id },
    })
    expect(onPost!.contentAnalysis).toBeUndefined()
    expect(onEmbedding!.eligibilities).toEqual(['mm_emb_v5'])
    expect(onMissing!.post).toBeUndefined()
    expect(onMissing!.user).toBeUndefined()
    expect(onMissing!.eligibilities).toEqual(['spam_comment', 'reply_ranking'])
    // Content-analysis schema: the prior analysis travels; without one, an empty analysis of the post.
    expect(withAnalysis!.contentAnalysis).toEqual(analysis)
    expect(withoutAnalysis!.contentAnalysis).toEqual({ postId: post.id, contentCategories: [] })
    // Each payload owns its eligibility set: a plan editing one cannot change another's.
    onPost!.eligibilities.push('post_safety')
    expect(payloads[2]!.eligibilities).toEqual(['spam_comment', 'reply_ranking'])
  })
})

describe('on-demand loaders', { timeout: 60_000 }, () => {
  it('answer null or absent for what does not exist or was deleted', async () => {
    const loaders = onDemandLoaders(ENV)
    const author = await newUser()
    const kept = await newPost(author, { text: 'kept' })
    const gone = await newPost(author, { text: 'gone' })
    const del = await call('DELETE', `/v1/posts/${gone.id}`, { token: ADMIN })
    expect(del.status).toBe(200)
    const unknown = uniqueId()

    expect(await loaders.loadPost(unknown)).toBeNull()
    expect(await loaders.loadPost(gone.id)).toBeNull()
    expect((await loaders.loadPost(kept.id))?.text).toBe('kept')
    const posts = await loaders.loadPosts([kept.id, gone.id, unknown])
    expect([...posts.keys()]).toEqual([kept.id])

    expect(await loaders.loadUser(unknown)).toBeNull()
    const users = await loaders.loadUsers([author.id, unknown, author.id])
    expect([...users.keys()]).toEqual([author.id])
  })

  it('reads the reply-ranking score from its sink, null before it is written', async () => {
    const loaders = onDemandLoaders(ENV)
    const postId = uniqueId()
    expect(await loaders.loadReplyRankingScore(postId)).toBeNull()
    await groxSinks(ENV).write(postId, REPLY_RANKING_SINK, { score: 0.25, reason: 'on topic' })
    expect(await loaders.loadReplyRankingScore(postId)).toEqual({ postId, score: 0.25, reason: 'on topic' })
  })

  it("loads a user's recent posts newest first, and nothing for a user without posts", async () => {
    const loaders = onDemandLoaders(ENV)
    const author = await newUser()
    const first = await newPost(author, { text: 'first' })
    const second = await newPost(author, { text: 'second' })
    const recent = await eventually(
      () => loaders.loadUserRecentPosts(author.id, 10),
      (r) => r.length === 2,
      30_000,
    )
    expect(recent.map((p) => p.id)).toEqual([second.id, first.id])
    expect(await loaders.loadUserRecentPosts((await newUser()).id)).toEqual([])
  })
})
