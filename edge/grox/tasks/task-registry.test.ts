// The registry covers every task name the 9 plans use, under the name each task reports.
import { describe, expect, it } from 'vitest'
import { PLAN_TASK_NAMES } from '../core/task-contract'
import { PLAN_DEFINITIONS } from '../plans/plan-definitions'
import { missingPlanTasks, taskRegistry } from './task-registry'

describe('task registry', () => {
  it('has a task for every plan task name', () => {
    expect(missingPlanTasks(taskRegistry, PLAN_TASK_NAMES)).toEqual([])
    const used = PLAN_DEFINITIONS.flatMap((p) => Object.values(p.tasks))
    expect(used.filter((name) => taskRegistry[name] === undefined)).toEqual([])
  })

  it('keys each task by its own name', () => {
    for (const [key, task] of Object.entries(taskRegistry)) expect(task.name).toBe(key)
  })

  it('includes the seed tasks no plan uses yet', () => {
    for (const name of [
      'task_load_post_with_not_found_retry',
      'task_load_post_with_summary',
      'task_load_user_recent_posts',
    ]) {
      expect(taskRegistry[name]?.name).toBe(name)
    }
  })
})
