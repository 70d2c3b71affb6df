// PlanMaster: only eligible plans run, concurrently; results merge by seed 001's rules; an expired deadline
// runs nothing; a plan whose tasks are not registered is reported, not run.
import { describe, expect, it } from 'vitest'
import type { TaskResult } from '../core/types'
import type { PlanDefinition } from '../plans/plan'
import { payload, taskLog, testServices, testTask } from '../testing/grox.fixtures'
import { mergeResults } from './merge-results'
import { PlanMaster } from './plan-master'

const result = (over: Partial<TaskResult>): TaskResult => ({
  task: payload([]),
  startedAt: 100,
  finishedAt: 200,
  contentCategories: [],
  reason: '',
  success: true,
  ...over,
})

describe('mergeResults', () => {
  const task = payload(['spam_comment', 'reply_ranking'])

  it('keeps the first embedding, concatenates categories, takes min start and max finish', () => {
    const merged = mergeResults(
      task,
      [
        result({
          startedAt: 120,
          finishedAt: 300,
          contentCategories: [{ source: 'a', category: 'spam', score: 0.2, positive: false }],
        }),
        result({ startedAt: 90, finishedAt: 250, multimodalPostEmbedding: [1, 2] }),
        result({
          multimodalPostEmbedding: [3, 4],
          contentCategories: [{ source: 'b', category: 'nsfw', score: 1, positive: true }],
        }),
      ],
      999,
    )
    expect(merged).toMatchObject({
      task,
      startedAt: 90,
      finishedAt: 300,
      multimodalPostEmbedding: [1, 2],
      success: true,
      contentCategories: [
        { source: 'a', category: 'spam' },
        { source: 'b', category: 'nsfw' },
      ],
    })
    expect(merged.error).toBeUndefined()
  })

  it('ANDs success and joins the failed plans errors, "unknown error" for a failure without one', () => {
    const merged = mergeResults(
      task,
      [
        result({ reason: 'r1' }),
        result({ success: false, error: 'e1' }),
        result({ success: false, reason: 'r3' }),
      ],
      0,
    )
    expect(merged).toMatchObject({ success: false, error: 'e1\nunknown error', reason: 'r1\nr3' })
  })

  it('turns no results into a no-op success at now', () => {
    expect(mergeResults(task, [], 42)).toMatchObject({
      success: true,
      startedAt: 42,
      finishedAt: 42,
      reason: '',
    })
  })
})

const def = (
  name: string,
  eligibility: PlanDefinition['requiredEligibility'],
  task: string,
): PlanDefinition => ({
  name,
  requiredEligibility: eligibility,
  tasks: { only: task },
  dependencies: { only: [] },
})

describe('PlanMaster', () => {
  it('runs every eligible plan concurrently and merges them in plan order', async () => {
    const log = taskLog()
    const events: string[] = []
    const embedding = (name: string, value: number) =>
      testTask(name, log, async (ctx) => {
        events.push(`start:${name}`)
        await new Promise((r) => setTimeout(r, 10))
        events.push(`end:${name}`)
        ctx.multimodalPostEmbedding = [value]
        return { status: 'success' }
      })
    const registry = {
      spam: embedding('spam', 0.5),
      rank: embedding('rank', 0.7),
      safety: testTask('safety', log),
    }
    const master = PlanMaster.fromRegistry(registry, [
      def('plan_spam', 'spam_comment', 'spam'),
      def('plan_rank', 'reply_ranking', 'rank'),
      def('plan_safety', 'post_safety', 'safety'),
    ])
    const run = await master.exec(payload(['spam_comment', 'reply_ranking']), testServices())
    expect(log.order.sort()).toEqual(['rank', 'spam'])
    expect(run.plans.map((p) => p.plan)).toEqual(['plan_spam', 'plan_rank'])
    expect(run.result.multimodalPostEmbedding).toEqual([0.5])
    // Both started before either finished: concurrent, not one after the other.
    expect(events.slice(0, 2).sort()).toEqual(['start:rank', 'start:spam'])
  })

  it('runs nothing for a payload past its deadline and says so', async () => {
    const log = taskLog()
    const master = PlanMaster.fromRegistry({ spam: testTask('spam', log) }, [
      def('plan_spam', 'spam_comment', 'spam'),
    ])
    const run = await master.exec(
      payload(['spam_comment'], { deadlineMs: 1_000 }),
      testServices(() => 2_000),
    )
    expect(log.order).toEqual([])
    expect(run).toMatchObject({
      expired: true,
      plans: [],
      result: { success: true, reason: 'deadline expired' },
    })
  })

  it('reports a plan whose tasks are missing from the registry instead of running it', () => {
    const master = PlanMaster.fromRegistry({}, [def('plan_spam', 'spam_comment', 'spam')])
    expect(master.plans).toEqual([])
    expect(master.unavailable).toEqual([
      { plan: 'plan_spam', error: expect.stringMatching(/not in the registry: spam/) },
    ])
  })
})
