// Seed 000's payload-destructuring bases: each stops cleanly (SKIPPED) when its field is missing and
// otherwise hands the field to a typed hook. TaskWithPost covers most tasks.
import { type DependencyOutputs, TaskStopExecution } from '../core/task-contract'
import type { GroxContentAnalysis, GroxPost, GroxUser, TaskContext, UserContext } from '../core/types'
import { Task } from './task'

export abstract class TaskWithPost<Out = unknown> extends Task<Out> {
  protected async exec(ctx: TaskContext, deps: DependencyOutputs): Promise<Out | undefined> {
    const post = ctx.payload.post
    if (!post) throw new TaskStopExecution('No post for task')
    return this.execWithPost(ctx, post, deps)
  }
  protected abstract execWithPost(
    ctx: TaskContext,
    post: GroxPost,
    deps: DependencyOutputs,
  ): Promise<Out | undefined>
}

export abstract class TaskWithUser<Out = unknown> extends Task<Out> {
  protected async exec(ctx: TaskContext): Promise<Out | undefined> {
    const user = ctx.payload.user
    if (!user) throw new TaskStopExecution('No user for task')
    return this.execWithUser(ctx, user)
  }
  protected abstract execWithUser(ctx: TaskContext, user: GroxUser): Promise<Out | undefined>
}

export abstract class TaskWithUserContext<Out = unknown> extends Task<Out> {
  protected async exec(ctx: TaskContext): Promise<Out | undefined> {
    const userContext = ctx.payload.userContext
    if (!userContext) throw new TaskStopExecution('No user context for task')
    return this.execWithUserContext(ctx, userContext)
  }
  protected abstract execWithUserContext(ctx: TaskContext, userContext: UserContext): Promise<Out | undefined>
}

export abstract class TaskWithContentAnalysis<Out = unknown> extends Task<Out> {
  protected async exec(ctx: TaskContext): Promise<Out | undefined> {
    const analysis = ctx.payload.contentAnalysis
    if (!analysis) throw new TaskStopExecution('No content analysis for task')
    return this.execWithContentAnalysis(ctx, analysis)
  }
  protected abstract execWithContentAnalysis(
    ctx: TaskContext,
    analysis: GroxContentAnalysis,
  ): Promise<Out | undefined>
}
