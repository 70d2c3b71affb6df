// The DAG executor's semantics (seed 001): validation at construction, dependency order and outputs, SKIPPED
// cascading, an exception failing its dependants and the plan, leaf tasks, eligibility.
import { describe, expect, it } from 'vitest'
import { type TaskRegistry, TaskStopExecution } from '../core/task-contract'
import { payload, taskLog, testServices, testTask } from '../testing/grox.fixtures'
import { Plan, type PlanDefinition } from './plan'
import { PLAN_DEFINITIONS } from './plan-definitions'

// filter -> screen -> (annotate -> publish | action): the shape of the initial-banger plan.
const DIAMOND: PlanDefinition = {
  name: 'plan_test',
  requiredEligibility: 'banger_initial_screen',
  tasks: {
    filter: 't_filter',
    screen: 't_screen',
    annotate: 't_annotate',
    publish: 't_publish',
    action: 't_action',
  },
  dependencies: {
    filter: [],
    screen: ['filter'],
    annotate: ['screen'],
    publish: ['annotate'],
    action: ['screen'],
  },
}

function registry(log = taskLog(), overrides: TaskRegistry = {}): TaskRegistry {
  const names = Object.values(DIAMOND.tasks)
  return { ...Object.fromEntries(names.map((n) => [n, testTask(n, log)])), ...overrides }
}

const run = (plan: Plan, eligibilities = ['banger_initial_screen' as const]) =>
  plan.execute(payload([...eligibilities]), testServices())

describe('Plan construction', () => {
  it('refuses a dependency that is not one of its tasks, naming it', () => {
    const def = { ...DIAMOND, dependencies: { ...DIAMOND.dependencies, publish: ['ghost'] } }
    expect(() => new Plan(def, registry())).toThrow(/not every task .* ghost/)
  })

  it('refuses a dependency key that is not one of its tasks', () => {
    const def = { ...DIAMOND, dependencies: { ...DIAMOND.dependencies, stray: ['filter'] } }
    expect(() => new Plan(def, registry())).toThrow(/stray/)
  })

  it('refuses a task the registry does not have', () => {
    const { t_action: _, ...rest } = registry()
    expect(() => new Plan(DIAMOND, rest)).toThrow(/not in the registry: t_action/)
  })

  it('refuses a cycle, which would leave its tasks waiting forever', () => {
    const def = { ...DIAMOND, dependencies: { ...DIAMOND.dependencies, filter: ['publish'] } }
    expect(() => new Plan(def, registry())).toThrow(/cycle/)
  })

  it('gives a future only to tasks something waits on', () => {
    expect([...new Plan(DIAMOND, registry()).deps].sort()).toEqual(['annotate', 'filter', 'screen'])
  })

  it('accepts all nine plan definitions against a registry holding their tasks', () => {
    const log = taskLog()
    const names = PLAN_DEFINITIONS.flatMap((d) => Object.values(d.tasks))
    const reg = Object.fromEntries(names.map((n) => [n, testTask(n, log)]))
    expect(PLAN_DEFINITIONS.map((d) => new Plan(d, reg).name)).toHaveLength(9)
    expect(new Set(PLAN_DEFINITIONS.map((d) => d.requiredEligibility)).size).toBe(9)
  })
})

describe('Plan.execute', () => {
  it('returns nothing when the payload lacks the required eligibility', async () => {
    const log = taskLog()
    expect(await run(new Plan(DIAMOND, registry(log)), ['post_safety' as never])).toBeNull()
    expect(log.order).toEqual([])
  })

  it('runs dependants after what they wait on and hands them the outputs by registry name', async () => {
    const log = taskLog()
    const out = await run(new Plan(DIAMOND, registry(log)))
    expect(log.order.indexOf('t_filter')).toBe(0)
    expect(log.order.indexOf('t_screen')).toBe(1)
    expect(log.order.indexOf('t_publish')).toBeGreaterThan(log.order.indexOf('t_annotate'))
    expect(log.seen.t_publish).toEqual({ t_annotate: 't_annotate:out' })
    expect(log.seen.t_filter).toEqual({})
    expect(out?.result.success).toBe(true)
    expect(out?.outcome).toMatchObject({ plan: 'plan_test', status: 'succeeded' })
    expect(Object.values(out!.outcome.tasks)).toEqual(['success', 'success', 'success', 'success', 'success'])
  })

  it('cascades SKIPPED from a filter through the whole graph; the plan still succeeds', async () => {
    const log = taskLog()
    const reg = registry(log, {
      t_filter: testTask('t_filter', log, () => ({ status: 'skipped', reason: 'reply' })),
    })
    const out = await run(new Plan(DIAMOND, reg))
    expect(log.order).toEqual(['t_filter'])
    expect(out?.result.success).toBe(true)
    expect(out?.outcome.status).toBe('skipped')
    expect(Object.values(out!.outcome.tasks)).toEqual(['skipped', 'skipped', 'skipped', 'skipped', 'skipped'])
  })

  it('treats TaskStopExecution as a skip of that branch only', async () => {
    const log = taskLog()
    const stop = testTask('t_annotate', log, () => {
      throw new TaskStopExecution('already annotated')
    })
    const out = await run(new Plan(DIAMOND, registry(log, { t_annotate: stop })))
    expect(log.order).toContain('t_action')
    expect(log.order).not.toContain('t_publish')
    expect(out?.outcome.tasks).toMatchObject({ annotate: 'skipped', publish: 'skipped', action: 'success' })
    expect(out?.result.success).toBe(true)
  })

  it('fails the plan when a task throws: its dependants never run, the error is in the result', async () => {
    const log = taskLog()
    const boom = testTask('t_annotate', log, () => {
      throw new Error('classifier down')
    })
    const services = testServices()
    const out = await new Plan(DIAMOND, registry(log, { t_annotate: boom })).execute(
      payload(['banger_initial_screen']),
      services,
    )
    expect(log.order).not.toContain('t_publish')
    expect(out?.result).toMatchObject({ success: false, error: 'classifier down' })
    expect(out?.outcome.status).toBe('failed')
    expect(out?.outcome.tasks).toMatchObject({ annotate: 'failed', publish: 'not_run', action: 'success' })
    expect(services.counts.get('t_annotate:failed')).toBe(1)
  })

  it('waits for a sibling branch already running before returning (no work left behind)', async () => {
    const log = taskLog()
    let actionFinished = false
    const slow = testTask(
      't_action',
      log,
      () => {
        actionFinished = true
        return { status: 'success' }
      },
      30,
    )
    const boom = testTask('t_annotate', log, () => {
      throw new Error('x')
    })
    await run(new Plan(DIAMOND, registry(log, { t_action: slow, t_annotate: boom })))
    expect(actionFinished).toBe(true)
  })

  it('runs a leaf task that nothing waits on and copies the context into the result', async () => {
    const log = taskLog()
    const leaf = testTask('t_action', log, (ctx) => {
      ctx.contentCategories.push({ source: 't_action', category: 'banger', score: 0.9, positive: true })
      ctx.multimodalPostEmbedding = [1, 0]
      ctx.reason = 'why'
      return { status: 'success' }
    })
    const out = await run(new Plan(DIAMOND, registry(log, { t_action: leaf })))
    expect(out?.result).toMatchObject({
      success: true,
      reason: 'why',
      multimodalPostEmbedding: [1, 0],
      contentCategories: [{ source: 't_action', category: 'banger', score: 0.9, positive: true }],
    })
  })
})
