// Rate limits against the real GroxStore Durable Object: first write wins per (plan scope, post) for every
// caller — two independent clients (as two Worker isolates would hold) share one record — standard and
// deluxe PTOS keep separate windows, and a claim expires after its TTL.
import { describe, expect, it } from 'vitest'
import { groxDedupe, groxStoreShards } from '../store/grox-store-client'
import { ptosScope, RATE_LIMIT_TTL_MS, RateLimitWithPost, rateLimitTasks } from './rate-limit'
import { context, nextId, post, testEnv, user } from './tasks.fixtures'

function realDedupeContext(subject = post(user(1)), taskType?: 'safety_ptos_deluxe_stream' | 'post_stream') {
  const { ctx } = context(subject, taskType ? { taskType } : {})
  // A fresh client per context: nothing is shared in this isolate but the Durable Object itself.
  ctx.services.dedupe = groxDedupe(testEnv)
  return ctx
}

// A cold Durable Object can take seconds to answer on a loaded machine: a ceiling, not a threshold.
describe('rate-limit tasks on GroxStore', { timeout: 60_000 }, () => {
  it('lets the first claim of a post through and skips the second, from two separate clients', async () => {
    const subject = post(user(1))
    const task = new RateLimitWithPost('task_rate_limit_embedding_v5', 'mm_emb_v5')
    const first = await task.run(realDedupeContext(subject), {})
    const second = await task.run(realDedupeContext(subject), {})
    expect(first.status).toBe('success')
    expect(second.status).toBe('skipped')
  })

  it('keeps one window per plan scope', async () => {
    const subject = post(user(1))
    const byName = Object.fromEntries(rateLimitTasks().map((t) => [t.name, t]))
    const banger = byName.task_rate_limit_banger_annotation!
    const safety = byName.task_rate_limit_post_safety_annotation!
    expect((await banger.run(realDedupeContext(subject), {})).status).toBe('success')
    expect((await safety.run(realDedupeContext(subject), {})).status).toBe('success')
    expect((await banger.run(realDedupeContext(subject), {})).status).toBe('skipped')
  })

  it('gives PTOS standard and deluxe separate namespaces', async () => {
    const subject = post(user(1))
    const ptos = rateLimitTasks().find((t) => t.name === 'task_rate_limit_safety_ptos_annotation')!
    expect(ptosScope(realDedupeContext(subject, 'safety_ptos_deluxe_stream'))).toBe('safety_ptos_deluxe')
    expect((await ptos.run(realDedupeContext(subject, 'post_stream'), {})).status).toBe('success')
    expect((await ptos.run(realDedupeContext(subject, 'safety_ptos_deluxe_stream'), {})).status).toBe(
      'success',
    )
    expect((await ptos.run(realDedupeContext(subject, 'post_stream'), {})).status).toBe('skipped')
  })

  it('frees the post again once the TTL has passed', async () => {
    const postId = nextId()
    const stub = groxStoreShards(testEnv).stubFor(postId)
    const claim = { scope: 'ttl_test', postId, ttlMs: RATE_LIMIT_TTL_MS }
    const t0 = 1_000_000
    expect(await stub.claim([claim], t0)).toEqual([true])
    expect(await stub.claim([claim], t0 + RATE_LIMIT_TTL_MS - 1)).toEqual([false])
    expect(await stub.claim([claim], t0 + RATE_LIMIT_TTL_MS)).toEqual([true])
  })

  it('skips a payload without a post', async () => {
    const { ctx } = context(undefined)
    expect((await rateLimitTasks()[0]!.run(ctx, {})).status).toBe('skipped')
  })
})
