// TaskRankReplies (seed 000): scores a reply in a high-follower thread. Besides the text, upstream's
// scorer weighs account and client signals; ours passes what we have: the reply's spam probability and
// the follower counts of its author and its parent's author. Appends to ctx.replyRankingResults.

import type { GroxClassifiers } from '../classifiers/classifier-backend'
import { embeddedSpamModel } from '../classifiers/embedded/embedded-backend'
import type { GroxPost, ReplyScoreResult, TaskContext } from '../core/types'
import { classifiersFor } from './classifier-access'
import { postThread } from './post-thread'
import type { TaskOptions } from './task'
import { TaskWithPost } from './task-with'
import { classifiablePost } from './task-workspace'

export class RankReplies extends TaskWithPost<ReplyScoreResult> {
  constructor(
    opts?: TaskOptions,
    private readonly classifiers?: GroxClassifiers,
  ) {
    super('task_rank_replies', opts, { maxAttempts: 1 })
  }

  protected async execWithPost(ctx: TaskContext, post: GroxPost): Promise<ReplyScoreResult> {
    const thread = await postThread(ctx, post)
    const signals = {
      spamProbability: embeddedSpamModel().score(post.text).probability,
      authorFollowers: thread.author?.followersCount ?? 0,
      parentAuthorFollowers: thread.ancestors.at(-1)?.author?.followersCount ?? 0,
    }
    const input = await classifiablePost(ctx, post, thread)
    const { score, reason } = await classifiersFor(ctx, this.classifiers).scoreReply(input, signals)
    const result: ReplyScoreResult = { postId: post.id, score, reason }
    ctx.replyRankingResults.push(result)
    return result
  }
}
