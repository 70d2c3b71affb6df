// Safety PTOS runs on everything with an author (replies, originals, private accounts: moderation must
// see them all); post-safety deluxe and the initial banger screen take public originals only. Upstream
// keeps the last two as near-copies with their own metric names; so do we, sharing the body.
import type { GroxPost, TaskContext } from '../../core/types'
import type { TaskOptions } from '../task'
import { countReason } from '../task-metrics'
import type { PostThread } from '../task-workspace'
import { type Eligibility, skip, TaskFilterWithPost } from './task-filter'

export class SafetyPtosFilter extends TaskFilterWithPost {
  constructor(opts?: TaskOptions) {
    super('task_safety_ptos_filter', 'safety_ptos_detection', opts)
  }

  protected async eligible(ctx: TaskContext, _post: GroxPost, thread: PostThread): Promise<Eligibility> {
    const deluxe = ctx.payload.taskType === 'safety_ptos_deluxe_stream'
    countReason(deluxe ? 'safety_ptos_deluxe_detection.request' : 'safety_ptos_detection.request')
    return thread.author ? true : skip('no_user')
  }
}

/** The hook upstream leaves for more hard-coded rules; today only private accounts. */
function hardcodedFilterReason(thread: PostThread): string | undefined {
  return thread.author?.protected ? 'private_account' : undefined
}

class PublicOriginalFilter extends TaskFilterWithPost {
  protected async eligible(_ctx: TaskContext, post: GroxPost, thread: PostThread): Promise<Eligibility> {
    if (!thread.author) return skip('no_user')
    if (post.replyToId !== undefined) return skip('is_reply')
    const reason = hardcodedFilterReason(thread)
    return reason ? skip(reason) : true
  }
}

export class PostSafetyDeluxeFilter extends PublicOriginalFilter {
  constructor(opts?: TaskOptions) {
    super('task_post_safety_deluxe_filter', 'post_safety_deluxe', opts)
  }
}

export class InitialBangerFilter extends PublicOriginalFilter {
  constructor(opts?: TaskOptions) {
    super('task_initial_banger_filter', 'initial_banger', opts)
  }
}
