// TaskReplyRankingFilter, the complement of the spam filter: replies where the parent or the root author
// has more than FOLLOWER_COUNT_THRESHOLD followers; both small is "low_blast_radius".
import type { GroxPost, TaskContext } from '../../core/types'
import type { TaskOptions } from '../task'
import type { PostThread } from '../task-workspace'
import { FOLLOWER_COUNT_THRESHOLD, replyChecks, targetFollowers } from './reply-target-split'
import { type Eligibility, skip, TaskFilterWithPost } from './task-filter'

export class ReplyRankingFilter extends TaskFilterWithPost {
  constructor(opts?: TaskOptions) {
    super('task_reply_ranking_filter', 'reply_ranking', opts)
  }

  protected async eligible(_ctx: TaskContext, post: GroxPost, thread: PostThread): Promise<Eligibility> {
    const checks = replyChecks(post, thread)
    if (checks !== true) return checks
    const { parent, root } = targetFollowers(thread)
    if (parent <= FOLLOWER_COUNT_THRESHOLD && root <= FOLLOWER_COUNT_THRESHOLD)
      return skip('low_blast_radius')
    return true
  }
}
