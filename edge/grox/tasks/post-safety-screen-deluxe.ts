// TaskPostSafetyScreenDeluxe (seed 000): runs the post-safety screen and appends its categories; the bool
// metadata it returns is what the moderation (UPA) action and the bool-metadata upsert read.

import type { GroxClassifiers, PostSafetyScreen } from '../classifiers/classifier-backend'
import type { GroxPost, TaskContext } from '../core/types'
import { classifiersFor } from './classifier-access'
import { postThread } from './post-thread'
import type { TaskOptions } from './task'
import { countReason } from './task-metrics'
import { TaskWithPost } from './task-with'
import { classifiablePost, workspace } from './task-workspace'

export class PostSafetyScreenDeluxe extends TaskWithPost<PostSafetyScreen> {
  constructor(
    opts?: TaskOptions,
    private readonly classifiers?: GroxClassifiers,
  ) {
    super('task_post_safety_screen_deluxe', opts, { maxAttempts: 1 })
  }

  protected async execWithPost(ctx: TaskContext, post: GroxPost): Promise<PostSafetyScreen> {
    countReason('post_safety_screen_deluxe.total')
    const input = await classifiablePost(ctx, post, await postThread(ctx, post))
    const screen = await classifiersFor(ctx, this.classifiers).postSafetyScreen(input)
    ctx.contentCategories.push(...screen.categories)
    workspace(ctx).boolMetadata = screen.boolMetadata
    return screen
  }
}
