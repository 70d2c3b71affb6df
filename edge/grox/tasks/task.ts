// The base Task (seed 000's task.py): disable rules first, then a payload-dependent skip check, then the
// work. A clean return is SUCCESS; TaskStopExecution is SKIPPED (never retried); any other error is
// retried — 2 attempts in all, 1 s apart, unless a task overrides `maxAttempts` (the not-found reload
// uses 3; the LLM wrappers 1, as upstream bypasses the base retry for them) — then rethrown so the plan
// fails. Counters per task name in task-metrics.ts.
import {
  type DependencyOutputs,
  type GroxTask,
  skipped,
  type TaskOutcome,
  TaskStopExecution,
} from '../core/task-contract'
import type { TaskContext } from '../core/types'
import type { DisableRule } from './disable-rules'
import { countTask } from './task-metrics'

export interface TaskOptions {
  /** Total attempts (1 = no retry). */
  maxAttempts?: number
  /** Wait between attempts. */
  retryWaitMs?: number
  disableRules?: readonly DisableRule[]
}

export abstract class Task<Out = unknown> implements GroxTask<Out> {
  readonly maxAttempts: number
  readonly retryWaitMs: number
  readonly disableRules: readonly DisableRule[]

  constructor(
    readonly name: string,
    opts: TaskOptions = {},
    defaults: TaskOptions = {},
  ) {
    this.maxAttempts = opts.maxAttempts ?? defaults.maxAttempts ?? 2
    this.retryWaitMs = opts.retryWaitMs ?? defaults.retryWaitMs ?? 1000
    this.disableRules = opts.disableRules ?? defaults.disableRules ?? []
  }

  /** The work. Return the output dependants see; throw TaskStopExecution to skip. */
  protected abstract exec(ctx: TaskContext, deps: DependencyOutputs): Promise<Out | undefined>

  /** A payload-dependent skip that is not an error (seed: `_should_skip`); a reason skips. */
  protected skipReason(_ctx: TaskContext): string | undefined {
    return undefined
  }

  async run(ctx: TaskContext, deps: DependencyOutputs): Promise<TaskOutcome<Out>> {
    for (let attempt = 1; ; attempt++) {
      countTask(this.name, 'exec')
      const disabled = this.disableRules.find((r) => r.disables(ctx))
      const reason = disabled?.reason ?? this.skipReason(ctx)
      if (reason !== undefined) {
        countTask(this.name, 'skipped')
        return skipped(reason)
      }
      countTask(this.name, 'intaken')
      try {
        const output = await this.exec(ctx, deps)
        countTask(this.name, 'success')
        return output === undefined ? { status: 'success' } : { status: 'success', output }
      } catch (err) {
        if (err instanceof TaskStopExecution) {
          countTask(this.name, 'skipped')
          return skipped(err.message || 'stopped')
        }
        countTask(this.name, 'failed')
        if (attempt >= this.maxAttempts) throw err
        if (this.retryWaitMs > 0) await new Promise((r) => setTimeout(r, this.retryWaitMs))
      }
    }
  }
}
