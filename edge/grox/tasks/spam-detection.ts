// TaskSpamDetection (seed 000): classifies a reply (the spam filter chose replies to small accounts) and
// appends the result to ctx.contentCategories; positives and negatives are counted per follower bucket of
// the reply's targets. One-shot: classifier calls have their own retries/breaker.

import type { GroxClassifiers } from '../classifiers/classifier-backend'
import type { ContentCategoryResult, GroxPost, TaskContext } from '../core/types'
import { classifiersFor } from './classifier-access'
import { targetFollowers } from './filters/reply-target-split'
import { postThread } from './post-thread'
import type { TaskOptions } from './task'
import { countReason } from './task-metrics'
import { TaskWithPost } from './task-with'
import { classifiablePost, type PostThread } from './task-workspace'

/** The smallest bucket holding both the parent's and the root's author. */
export function followerBucket(
  thread: PostThread,
): 'invalid' | 'lte_100' | 'lte_500' | 'lte_1000' | 'gt_1000' {
  if (thread.ancestors.length === 0) return 'invalid'
  const { parent, root } = targetFollowers(thread)
  const top = Math.max(parent, root)
  if (top <= 100) return 'lte_100'
  if (top <= 500) return 'lte_500'
  if (top <= 1000) return 'lte_1000'
  return 'gt_1000'
}

export class SpamDetection extends TaskWithPost<ContentCategoryResult> {
  constructor(
    opts?: TaskOptions,
    private readonly classifiers?: GroxClassifiers,
  ) {
    super('task_spam_detection', opts, { maxAttempts: 1 })
  }

  protected async execWithPost(ctx: TaskContext, post: GroxPost): Promise<ContentCategoryResult> {
    const thread = await postThread(ctx, post)
    const result = await classifiersFor(ctx, this.classifiers).spam(await classifiablePost(ctx, post, thread))
    ctx.contentCategories.push(result)
    countReason(
      result.positive ? 'spam_comment_detection.positive' : 'spam_comment_detection.negative',
      followerBucket(thread),
    )
    return result
  }
}
