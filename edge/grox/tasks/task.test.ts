// The base Task: success / skip / stop / error, the 2-attempt retry and per-task overrides, disable rules
// by environment, and the per-task counters.
import { describe, expect, it } from 'vitest'
import { TaskStopExecution } from '../core/task-contract'
import type { TaskContext } from '../core/types'
import { DISABLE_FOR_DEV, DISABLE_FOR_LOCAL, DISABLE_FOR_NON_PROD } from './disable-rules'
import { LoadPostWithNotFoundRetry, PostNotFoundError } from './load-post-with-not-found-retry'
import { GrokUpaActionWithLabels } from './sinks/grok-upa-action'
import { Task, type TaskOptions } from './task'
import { taskCounters } from './task-metrics'
import { context, nextId, post, user } from './tasks.fixtures'

/** A task that fails its first `failures` attempts, then returns 'done'. */
class Flaky extends Task<string> {
  attempts = 0
  constructor(
    name: string,
    private readonly failures: number,
    opts: TaskOptions = {},
    private readonly stop = false,
  ) {
    super(name, { retryWaitMs: 0, ...opts })
  }
  protected async exec(): Promise<string> {
    this.attempts++
    if (this.stop) throw new TaskStopExecution('nothing to do')
    if (this.attempts <= this.failures) throw new Error(`attempt ${this.attempts} failed`)
    return 'done'
  }
}

const uniqueName = (base: string) => `${base}_${nextId()}`

describe('Task', () => {
  it('succeeds with its output and counts exec, intaken and success', async () => {
    const name = uniqueName('ok')
    const task = new Flaky(name, 0)
    expect(await task.run(context(undefined).ctx, {})).toEqual({ status: 'success', output: 'done' })
    expect(taskCounters(name)).toEqual({ exec: 1, intaken: 1, skipped: 0, failed: 0, success: 1 })
  })

  it('retries an error once (2 attempts in all) and succeeds on the second', async () => {
    const name = uniqueName('flaky')
    const task = new Flaky(name, 1)
    expect((await task.run(context(undefined).ctx, {})).status).toBe('success')
    expect(task.attempts).toBe(2)
    expect(taskCounters(name)).toMatchObject({ exec: 2, failed: 1, success: 1 })
  })

  it('rethrows after the second failed attempt', async () => {
    const task = new Flaky(uniqueName('broken'), 5)
    await expect(task.run(context(undefined).ctx, {})).rejects.toThrow('attempt 2 failed')
    expect(task.attempts).toBe(2)
  })

  it('honours a per-task attempt count (1 = no retry, 3 = two retries)', async () => {
    const once = new Flaky(uniqueName('once'), 1, { maxAttempts: 1 })
    await expect(once.run(context(undefined).ctx, {})).rejects.toThrow('attempt 1 failed')
    expect(once.attempts).toBe(1)
    const thrice = new Flaky(uniqueName('thrice'), 2, { maxAttempts: 3 })
    expect((await thrice.run(context(undefined).ctx, {})).status).toBe('success')
    expect(thrice.attempts).toBe(3)
  })

  it('turns TaskStopExecution into SKIPPED without retrying it', async () => {
    const name = uniqueName('stop')
    const task = new Flaky(name, 0, {}, true)
    expect(await task.run(context(undefined).ctx, {})).toEqual({ status: 'skipped', reason: 'nothing to do' })
    expect(task.attempts).toBe(1)
    expect(taskCounters(name)).toMatchObject({ skipped: 1, failed: 0 })
  })

  it('skips without running when a disable rule matches the environment', async () => {
    const run = async (rules: TaskOptions['disableRules'], environment: 'local' | 'dev' | 'prod') => {
      const task = new Flaky(uniqueName('rules'), 0, { disableRules: rules })
      const outcome = await task.run(context(undefined, { environment }).ctx, {})
      return { status: outcome.status, ran: task.attempts > 0 }
    }
    expect(await run([DISABLE_FOR_LOCAL], 'local')).toEqual({ status: 'skipped', ran: false })
    expect(await run([DISABLE_FOR_LOCAL], 'dev')).toEqual({ status: 'success', ran: true })
    expect(await run([DISABLE_FOR_DEV], 'dev')).toEqual({ status: 'skipped', ran: false })
    expect(await run([DISABLE_FOR_NON_PROD], 'dev')).toEqual({ status: 'skipped', ran: false })
    expect(await run([DISABLE_FOR_NON_PROD], 'prod')).toEqual({ status: 'success', ran: true })
  })

  it('keeps the moderation (UPA) action to prod', async () => {
    const upa = new GrokUpaActionWithLabels()
    const outcome = await upa.run(context(post(user(10)), { environment: 'dev' }).ctx, {})
    expect(outcome).toEqual({ status: 'skipped', reason: 'Task is disabled for non-prod mode' })
  })
})

describe('LoadPostWithNotFoundRetry', () => {
  const author = user(10)
  const subject = post(author)
  const fast = { retryWaitMs: 0 }

  function withLoader(ctx: TaskContext, answers: (typeof subject | null)[]) {
    let calls = 0
    ctx.services.loaders.loadPost = async () => answers[Math.min(calls++, answers.length - 1)] ?? null
    return () => calls
  }

  it('retries not-found three times on a main stream, then fails', async () => {
    const { ctx } = context(subject, { taskType: 'post_stream' })
    const calls = withLoader(ctx, [null])
    await expect(new LoadPostWithNotFoundRetry(fast).run(ctx, {})).rejects.toBeInstanceOf(PostNotFoundError)
    expect(calls()).toBe(3)
  })

  it('recovers when the post appears on the third attempt and replaces the payload post', async () => {
    const { ctx } = context(subject, { taskType: 'post_stream' })
    const fresh = { ...subject, text: 'reloaded' }
    withLoader(ctx, [null, null, fresh])
    expect((await new LoadPostWithNotFoundRetry(fast).run(ctx, {})).status).toBe('success')
    expect(ctx.payload.post?.text).toBe('reloaded')
  })

  it('skips (no retry) when the post is gone on a recovery stream', async () => {
    const { ctx } = context(subject, { taskType: 'post_stream_recovery' })
    const calls = withLoader(ctx, [null])
    expect((await new LoadPostWithNotFoundRetry(fast).run(ctx, {})).status).toBe('skipped')
    expect(calls()).toBe(1)
  })
})
