// TaskLoadUserRecentPosts (seed 000): the author's recent posts, for tasks that want posting history
// (spam, reply ranking). Upstream's limit is redacted; 20 covers a day of a busy author in our world.
import { TaskStopExecution } from '../core/task-contract'
import type { GroxPost, TaskContext } from '../core/types'
import type { TaskOptions } from './task'
import { TaskWithPost } from './task-with'
import { workspace } from './task-workspace'

export const RECENT_POSTS_LIMIT = 20

export class LoadUserRecentPosts extends TaskWithPost<GroxPost[]> {
  constructor(opts?: TaskOptions) {
    super('task_load_user_recent_posts', opts)
  }

  protected async execWithPost(ctx: TaskContext, post: GroxPost): Promise<GroxPost[]> {
    if (!post.authorId) throw new TaskStopExecution('Post has no author user to load recent posts for')
    const recent = await ctx.services.loaders.loadUserRecentPosts(post.authorId, RECENT_POSTS_LIMIT)
    workspace(ctx).recentPosts = recent
    return recent
  }
}
