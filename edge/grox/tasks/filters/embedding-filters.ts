// The embedding plans' filters (seed 000): originals from public accounts for the summary embedding;
// replies whose replier, parent and root authors are all public for the reply variants (indexing a reply
// in a thread with a private participant would leak private context). The v5-for-reply plan's filter
// is the reply one under its own registry name.
import type { GroxPost, TaskContext } from '../../core/types'
import type { TaskOptions } from '../task'
import type { PostThread } from '../task-workspace'
import { type Eligibility, skip, TaskFilterWithPost } from './task-filter'

export class PostEmbeddingWithSummaryFilter extends TaskFilterWithPost {
  constructor(opts?: TaskOptions) {
    super('task_post_embedding_with_summary_filter', 'post_embedding_with_summary', opts)
  }

  protected async eligible(_ctx: TaskContext, post: GroxPost, thread: PostThread): Promise<Eligibility> {
    if (post.replyToId !== undefined) return skip('is_reply')
    if (!thread.author) return skip('no_user')
    if (thread.author.protected) return skip('private_account')
    return true
  }
}

export class PostEmbeddingForReplyFilter extends TaskFilterWithPost {
  constructor(name = 'task_post_embedding_with_summary_for_reply_filter', opts?: TaskOptions) {
    super(name, 'post_embedding_with_summary_for_reply', opts)
  }

  protected async eligible(_ctx: TaskContext, post: GroxPost, thread: PostThread): Promise<Eligibility> {
    if (post.replyToId === undefined || thread.ancestors.length === 0) return skip('is_original')
    if (!thread.author) return skip('no_user')
    const parent = thread.ancestors.at(-1)!.author
    const root = thread.ancestors[0]!.author
    if (parent?.protected || root?.protected || thread.author.protected) return skip('private_account')
    return true
  }
}
