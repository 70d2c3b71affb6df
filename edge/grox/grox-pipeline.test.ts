// Grox end to end in workerd, through the real API, queues and objects: a post created through the API is
// analysed by the plans its streams make it eligible for (post stream: spam comment + reply ranking;
// embedding requests: with-summary + v5), and their outputs land in storage (GroxStore sinks, the
// retrieval index); engagements crossing min traction bring in the min-traction plans.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { groxPostOutputsResponse, groxStatsResponse } from '../../shared/types/api/grox.ts'
import { ADMIN, call, eventually, newPost, newUser } from '../api/api.fixtures'
import type { Env } from '../env'
import { retrievalIndex } from '../retrieval/retrieval-index'

const outputs = async (postId: string) =>
  groxPostOutputsResponse.parse((await call('GET', `/v1/admin/grox/posts/${postId}`, { token: ADMIN })).body)
const sinksOf = async (postId: string) => (await outputs(postId)).sinks.map((s) => s.sink)
const stats = async () =>
  groxStatsResponse.parse((await call('GET', '/v1/admin/grox/stats', { token: ADMIN })).body)

describe('Grox pipeline', () => {
  it('runs the right plans for a new post and a reply, and their outputs land in storage', async () => {
    const author = await newUser()
    const replier = await newUser()
    const post = await newPost(author, {
      text: 'Our observatory released the first images from the new telescope',
    })
    const reply = await newPost(replier, { text: 'Stunning detail in these images', replyToId: post.id })

    const postSinks = await eventually(
      () => sinksOf(post.id),
      (s) => s.includes('mm_embedding_v5') && s.includes('mm_embedding_v3'),
      30_000,
    )
    expect(postSinks).toEqual(expect.arrayContaining(['mm_embedding_v5', 'mm_embedding_v3']))
    const replySinks = await eventually(
      () => sinksOf(reply.id),
      (s) => s.includes('mm_embedding_v5') && s.includes('reply_spam'),
      30_000,
    )
    // A reply to a small account goes to spam-comment detection (reply ranking's filter skips it).
    expect(replySinks).toEqual(expect.arrayContaining(['mm_embedding_v5', 'reply_spam']))
    expect(replySinks).not.toContain('reply_ranking')

    const embeddings = await retrievalIndex(env as unknown as Env).embeddings([post.id, reply.id])
    expect(embeddings.size).toBe(2)

    const s = await stats()
    expect(s.plans.plan_post_embedding_v5?.succeeded).toBeGreaterThanOrEqual(2)
    expect(s.plans.plan_spam_comment?.succeeded).toBeGreaterThanOrEqual(1)
    expect(s.streams.post_stream?.succeeded).toBeGreaterThanOrEqual(1)
    expect(s.streams.post_embedding_v5_stream?.succeeded).toBeGreaterThanOrEqual(2)
    expect(s.unavailablePlans).toEqual([])
    expect(s.sinks.mm_embedding_v5?.writes).toBeGreaterThanOrEqual(2)
  }, 60_000)

  it('engagements crossing min traction run the min-traction plans for that post', async () => {
    const author = await newUser()
    const post = await newPost(author, { text: 'What is everyone reading this weekend? Share your picks' })
    const before = await stats()
    for (let i = 0; i < 5; i++) {
      const fan = await newUser()
      const res = await call('POST', `/v1/users/${fan.id}/engagements`, {
        token: fan.token,
        body: { engagements: [{ postId: post.id, action: 'favorite' }] },
      })
      expect(res.status).toBe(200)
    }
    const ran = (x: Awaited<ReturnType<typeof stats>>, plan: string) => {
      const p = x.plans[plan]
      return (p?.succeeded ?? 0) + (p?.skipped ?? 0) + (p?.failed ?? 0)
    }
    const after = await eventually(
      stats,
      (x) =>
        ran(x, 'plan_safety_ptos') > ran(before, 'plan_safety_ptos') &&
        ran(x, 'plan_initial_banger') > ran(before, 'plan_initial_banger'),
      30_000,
    )
    expect(after.streams.post_min_traction_stream_for_grox_ptos?.enqueued).toBe(
      (before.streams.post_min_traction_stream_for_grox_ptos?.enqueued ?? 0) + 1,
    )
    expect(ran(after, 'plan_safety_ptos')).toBeGreaterThan(ran(before, 'plan_safety_ptos'))
    expect(ran(after, 'plan_initial_banger')).toBeGreaterThan(ran(before, 'plan_initial_banger'))
  }, 60_000)

  it('analyses one post synchronously through the admin route, and 404s an unknown post naming the field', async () => {
    const author = await newUser()
    const post = await newPost(author, { text: 'A quiet morning walk by the river' })
    const res = await call('POST', '/v1/admin/grox/analyze', {
      token: ADMIN,
      body: { postId: post.id, eligibilities: ['mm_emb_v5', 'spam_comment'] },
    })
    expect(res.status).toBe(200)
    const body = res.body as { plans: { plan: string }[]; embedding: number[] | null; success: boolean }
    expect(body.plans.map((p) => p.plan).sort()).toEqual(['plan_post_embedding_v5', 'plan_spam_comment'])
    expect(body.success).toBe(true)
    expect(body.embedding?.length).toBeGreaterThan(0)
    const missing = await call('POST', '/v1/admin/grox/analyze', { token: ADMIN, body: { postId: '1' } })
    expect(missing.status).toBe(404)
    expect((missing.body as { error: { field: string } }).error.field).toBe('postId')
    const bad = await call('POST', '/v1/admin/grox/analyze', { token: ADMIN, body: { postId: 'x' } })
    expect(bad.status).toBe(400)
  })
})
