// The dispatcher's accounting in workerd (a real SQLite Durable Object per test): retries with attempt + 1,
// terminal failure after max attempts (dead letter, failure on the origin stream), acks only on success or
// terminal failure, expired deadlines, per-stream QPS, the in-flight cap, lost runs, drain, duplicates.
import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../../shared/util/seeded-random'
import type { Env } from '../../env'
import { listDeadLetters } from '../../ops/dead-letter-log'
import type { GroxSourceMessage } from '../core/messages'
import type { EngineReport } from '../engine/engine-report'
import type { GroxSource } from '../generators/stream-generators'
import { dispatcherConfig } from './dispatcher-config'
import type { TaskRow } from './dispatcher-tables'
import { type GroxDispatcher, groxDispatcher } from './grox-dispatcher'

const config = dispatcherConfig(env as unknown as Env)

function fresh() {
  const stub = groxDispatcher(env as unknown as Env, `test-${crypto.randomUUID()}`)
  return stub
}

async function seeded(stub: DurableObjectStub<GroxDispatcher>) {
  await runInDurableObject(stub, (d: GroxDispatcher) => {
    d.random = seededRandom(7)
  })
}

const rows = (stub: DurableObjectStub<GroxDispatcher>) =>
  runInDurableObject(stub, (_d: GroxDispatcher, state) =>
    state.storage.sql.exec<TaskRow>('SELECT * FROM tasks ORDER BY rowid').toArray(),
  )

function deliveries(source: GroxSource, n: number, sentAt: number) {
  return Array.from({ length: n }, (_, i) => ({
    mid: `m-${crypto.randomUUID()}-${i}`,
    message: { source, postId: String(1000 + i), sentAt } satisfies GroxSourceMessage,
  }))
}

function report(row: TaskRow, success: boolean, error?: string): EngineReport {
  return {
    payloadId: row.payload_id,
    stream: row.stream,
    attempt: row.attempt,
    postId: '1',
    success,
    ...(error ? { error } : {}),
    expired: false,
    plans: [{ plan: 'plan_initial_banger', status: success ? 'succeeded' : 'failed', tasks: {} }],
    labels: success ? [{ source: 'task_banger_screen', category: 'banger', score: 0.8, positive: true }] : [],
    embedded: false,
    taskCounts: { 'task_banger_screen:success': 1 },
    startedAt: 0,
    finishedAt: 1,
  }
}

describe('GroxDispatcher', () => {
  it('stores one task per stream reading the source and releases it; a redelivered message adds nothing', async () => {
    const stub = fresh()
    const now = Date.now()
    const batch = deliveries('embedding_requests', 1, now)
    expect(await stub.enqueue(batch, now)).toEqual({ added: 2 })
    expect(await stub.enqueue(batch, now)).toEqual({ added: 0 })
    const live = await rows(stub)
    expect(live.map((r) => [r.stream, r.state, r.attempt])).toEqual([
      ['post_embedding_request_stream_with_summary', 'in_flight', 0],
      ['post_embedding_v5_stream', 'in_flight', 0],
    ])
    await stub.complete(
      live.map((r) => report(r, true)),
      now,
    )
    // Acked: gone, and a later redelivery of the same message still adds nothing.
    expect(await rows(stub)).toEqual([])
    expect(await stub.enqueue(batch, now)).toEqual({ added: 0 })
    const stats = await stub.stats()
    expect(stats.streams.post_embedding_v5_stream).toMatchObject({
      enqueued: 1,
      succeeded: 1,
      inFlight: 0,
      queued: 0,
    })
    expect(stats.plans.plan_initial_banger).toEqual({
      queued: 0,
      inFlight: 0,
      succeeded: 2,
      skipped: 0,
      failed: 0,
      deadLettered: 0,
    })
    expect(stats.tasks.task_banger_screen).toEqual({ success: 2 })
    expect(stats.recentLabels[0]).toMatchObject({ category: 'banger', postId: '1' })
  })

  it('retries a failure with attempt + 1 up to max attempts, then dead-letters it against its stream', async () => {
    const stub = fresh()
    const now = Date.now()
    await stub.enqueue(deliveries('posts_test', 1, now), now)
    for (let attempt = 0; attempt <= config.maxAttempts; attempt++) {
      const [row] = await rows(stub)
      expect(row).toMatchObject({ attempt, state: 'in_flight' })
      await stub.complete([report(row!, false, `boom ${attempt}`)], now)
    }
    expect(await rows(stub)).toEqual([])
    const stats = await stub.stats()
    expect(stats.streams.post_stream_test).toMatchObject({
      failed: config.maxAttempts + 1,
      deadLettered: 1,
      succeeded: 0,
      inFlight: 0,
    })
    expect(stats.deadLetters).toBe(1)
    // The plan that failed on the last attempt is charged with the dead letter too.
    expect(stats.plans.plan_initial_banger).toMatchObject({ failed: config.maxAttempts + 1, deadLettered: 1 })
    const { deadLetters } = await listDeadLetters(env as unknown as Env, 50)
    expect(
      deadLetters.find((d) => d.queue === 'fye-grox-tasks' && d.reason === `boom ${config.maxAttempts}`),
    ).toMatchObject({
      attempts: config.maxAttempts + 1,
    })
  })

  it('ignores a result for an attempt it already retried (a late or duplicate delivery)', async () => {
    const stub = fresh()
    const now = Date.now()
    await stub.enqueue(deliveries('posts_test', 1, now), now)
    const [first] = await rows(stub)
    await stub.complete([report(first!, false, 'x')], now)
    await stub.complete([report(first!, true)], now)
    expect(await rows(stub)).toMatchObject([{ attempt: 1, state: 'in_flight' }])
    expect((await stub.stats()).staleResults).toBe(1)
  })

  it('skips a task past its deadline without releasing it', async () => {
    const stub = fresh()
    const now = Date.now()
    await stub.enqueue(deliveries('posts_test', 2, now - config.taskDeadlineMs - 1), now)
    expect(await rows(stub)).toEqual([])
    expect((await stub.stats()).streams.post_stream_test).toMatchObject({
      skipped: 2,
      expired: 2,
      succeeded: 0,
    })
  })

  it('releases at most a stream’s max QPS at once and at most max in flight overall', async () => {
    const stub = fresh()
    await seeded(stub)
    // The test's clock runs a minute ahead: the dispatcher's alarm (real time, due in 100 ms for the next
    // token) then finds no new token. On a loaded machine it fired before the check below and released 12.
    const now = Date.now() + 60_000
    // post_stream_test: 10 QPS; post_stream: 200 QPS, capped by the in-flight limit.
    await stub.enqueue(deliveries('posts_test', 40, now), now)
    expect((await rows(stub)).filter((r) => r.state === 'in_flight')).toHaveLength(10)
    await stub.enqueue(deliveries('posts', 100, now), now)
    const live = await rows(stub)
    expect(live.filter((r) => r.state === 'in_flight')).toHaveLength(config.maxInFlight)
    expect(live.filter((r) => r.state === 'in_flight' && r.stream === 'post_stream_test')).toHaveLength(10)
    // Per plan: the tasks of the streams whose eligibilities include the plan's.
    const { plans } = await stub.stats()
    const fromPosts = { queued: 100 - (config.maxInFlight - 10), inFlight: config.maxInFlight - 10 }
    expect(plans.plan_initial_banger).toMatchObject({ queued: 30, inFlight: 10, succeeded: 0 })
    expect(plans.plan_spam_comment).toMatchObject(fromPosts)
    expect(plans.plan_reply_ranking).toMatchObject(fromPosts)
    expect(plans.plan_safety_ptos).toMatchObject({ queued: 0, inFlight: 0 })
  })

  it('fails the attempt of a released task whose result never comes back once its lease ends', async () => {
    const stub = fresh()
    const now = Date.now()
    await stub.enqueue(deliveries('posts_test', 1, now), now)
    expect(await stub.expireLeases(now + config.leaseMs - 1)).toBe(0)
    expect(await stub.expireLeases(now + config.leaseMs)).toBe(1)
    expect(await rows(stub)).toMatchObject([{ attempt: 1, state: 'in_flight' }])
    expect((await stub.stats()).streams.post_stream_test.failed).toBe(1)
  })

  it('drains: releases nothing new while draining, keeps what arrives, resumes after', async () => {
    const stub = fresh()
    const now = Date.now()
    await stub.drain(true, now)
    await stub.enqueue(deliveries('posts_test', 3, now), now)
    expect((await rows(stub)).map((r) => r.state)).toEqual(['queued', 'queued', 'queued'])
    expect((await stub.stats()).draining).toBe(true)
    await stub.drain(false, now)
    expect((await rows(stub)).map((r) => r.state)).toEqual(['in_flight', 'in_flight', 'in_flight'])
  })

  it('re-drives dead letters into the recovery stream as fresh tasks', async () => {
    const stub = fresh()
    const now = Date.now()
    await stub.enqueue(deliveries('posts', 1, now), now)
    for (let a = 0; a <= config.maxAttempts; a++) {
      const [row] = await rows(stub)
      await stub.complete([report(row!, false, 'down')], now)
    }
    expect(await stub.redrive(10, now)).toEqual({ redriven: 1 })
    expect(await rows(stub)).toMatchObject([{ stream: 'reply_ranking_recovery_stream', attempt: 0 }])
    expect((await stub.stats()).deadLetters).toBe(0)
  })
})
