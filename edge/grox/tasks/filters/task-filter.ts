// Seed 000's TaskFilter: `eligible` answers true (continue) or the reason to skip; a skip is a clean
// TaskStopExecution, so everything downstream in the plan is SKIPPED. Skip reasons are counted per filter
// (`filter.skipped/<filter>/<reason>`), passes as `filter.eligible/<filter>`.
import { type DependencyOutputs, TaskStopExecution } from '../../core/task-contract'
import type { GroxPost, TaskContext } from '../../core/types'
import { postThread } from '../post-thread'
import { Task, type TaskOptions } from '../task'
import { countReason } from '../task-metrics'
import type { PostThread } from '../task-workspace'

export type Eligibility = true | { skip: string }

export abstract class TaskFilterWithPost extends Task<void> {
  constructor(
    name: string,
    /** The filter's metric name (upstream's `filter` attribute). */
    readonly filterName: string,
    opts?: TaskOptions,
  ) {
    super(name, opts)
  }

  protected async exec(ctx: TaskContext, _deps: DependencyOutputs): Promise<undefined> {
    const post = ctx.payload.post
    const verdict = post ? await this.eligible(ctx, post, await postThread(ctx, post)) : { skip: 'no_post' }
    if (verdict !== true) {
      countReason('filter.skipped', this.filterName, verdict.skip)
      throw new TaskStopExecution(verdict.skip)
    }
    countReason('filter.eligible', this.filterName)
    return undefined
  }

  protected abstract eligible(ctx: TaskContext, post: GroxPost, thread: PostThread): Promise<Eligibility>
}

export function skip(reason: string): { skip: string } {
  return { skip: reason }
}
