// TaskLoadPostWithNotFoundRetry (seed 000): re-reads the post from the post store (the queue message may
// be stale). Not found on a recovery stream is a skip (the post was deleted since); elsewhere it is an
// error, retried with its own policy — 3 attempts, 1 s apart — instead of the base 2.
import { TaskStopExecution } from '../core/task-contract'
import type { GroxPost, TaskContext } from '../core/types'
import type { TaskOptions } from './task'
import { TaskWithPost } from './task-with'

export class PostNotFoundError extends Error {
  override name = 'PostNotFoundError'
}

export class LoadPostWithNotFoundRetry extends TaskWithPost<GroxPost> {
  constructor(opts?: TaskOptions) {
    super('task_load_post_with_not_found_retry', opts, { maxAttempts: 3, retryWaitMs: 1000 })
  }

  protected async execWithPost(ctx: TaskContext, post: GroxPost): Promise<GroxPost> {
    const loaded = await ctx.services.loaders.loadPost(post.id)
    if (loaded === null) {
      if (ctx.payload.taskType?.includes('recovery'))
        throw new TaskStopExecution(`Post not found: ${post.id}`)
      throw new PostNotFoundError(`Post not found: ${post.id}`)
    }
    ctx.payload.post = loaded
    return loaded
  }
}
