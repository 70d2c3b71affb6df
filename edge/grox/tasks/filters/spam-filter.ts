// TaskSpamFilter: replies whose parent and root authors both have at most FOLLOWER_COUNT_THRESHOLD
// followers; a bigger target belongs to reply ranking ("reply_ranking_target").
import type { GroxPost, TaskContext } from '../../core/types'
import type { TaskOptions } from '../task'
import type { PostThread } from '../task-workspace'
import { FOLLOWER_COUNT_THRESHOLD, replyChecks, targetFollowers } from './reply-target-split'
import { type Eligibility, skip, TaskFilterWithPost } from './task-filter'

export class SpamFilter extends TaskFilterWithPost {
  constructor(opts?: TaskOptions) {
    super('task_spam_filter', 'spam_detection', opts)
  }

  protected async eligible(_ctx: TaskContext, post: GroxPost, thread: PostThread): Promise<Eligibility> {
    const checks = replyChecks(post, thread)
    if (checks !== true) return checks
    const { parent, root } = targetFollowers(thread)
    if (parent > FOLLOWER_COUNT_THRESHOLD || root > FOLLOWER_COUNT_THRESHOLD)
      return skip('reply_ranking_target')
    return true
  }
}
