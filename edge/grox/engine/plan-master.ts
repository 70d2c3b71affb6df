// PlanMaster (seed 001, plan_master.py): every plan runs concurrently for a task, each returning nothing
// when the task is not eligible for it; the eligible plans' results are merged.
import type { TaskRegistry } from '../core/task-contract'
import type { GroxServices, TaskPayload, TaskResult } from '../core/types'
import { Plan, type PlanDefinition, type PlanOutcome } from '../plans/plan'
import { PLAN_DEFINITIONS } from '../plans/plan-definitions'
import { mergeResults } from './merge-results'

export interface PlanMasterRun {
  result: TaskResult
  plans: PlanOutcome[]
  /** The deadline had passed: no plan ran (upstream drops such tasks in the engine). */
  expired: boolean
}

export interface UnavailablePlan {
  plan: string
  error: string
}

export class PlanMaster {
  constructor(
    readonly plans: readonly Plan[],
    /** Plans whose tasks are not all registered (or whose graph is invalid): listed, never run. */
    readonly unavailable: readonly UnavailablePlan[] = [],
  ) {}

  /** Builds every plan against the registry; a plan that fails validation is reported, not thrown. */
  static fromRegistry(
    registry: TaskRegistry,
    definitions: readonly PlanDefinition[] = PLAN_DEFINITIONS,
  ): PlanMaster {
    const plans: Plan[] = []
    const unavailable: UnavailablePlan[] = []
    for (const def of definitions) {
      try {
        plans.push(new Plan(def, registry))
      } catch (err) {
        unavailable.push({ plan: def.name, error: err instanceof Error ? err.message : String(err) })
      }
    }
    return new PlanMaster(plans, unavailable)
  }

  async exec(task: TaskPayload, services: GroxServices): Promise<PlanMasterRun> {
    const now = services.now()
    if (task.deadlineMs !== undefined && task.deadlineMs < now) {
      return {
        result: { ...mergeResults(task, [], now), reason: 'deadline expired' },
        plans: [],
        expired: true,
      }
    }
    const runs = await Promise.all(this.plans.map((p) => p.execute(task, services)))
    const done = runs.filter((r) => r !== null)
    return {
      result: mergeResults(
        task,
        done.map((r) => r.result),
        services.now(),
      ),
      plans: done.map((r) => r.outcome),
      expired: false,
    }
  }
}
