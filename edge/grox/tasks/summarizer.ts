// TaskPostEmbeddingSummarizer (seed 000): one-shot (no task retry; the plan's retry takes over), sets
// ctx.summary for the summary embedding after it.

import type { GroxClassifiers } from '../classifiers/classifier-backend'
import type { GroxPost, TaskContext } from '../core/types'
import { classifiersFor } from './classifier-access'
import { postThread } from './post-thread'
import type { TaskOptions } from './task'
import { TaskWithPost } from './task-with'
import { classifiablePost } from './task-workspace'

export class PostEmbeddingSummarizer extends TaskWithPost<string> {
  constructor(
    opts?: TaskOptions,
    private readonly classifiers?: GroxClassifiers,
  ) {
    super('task_post_embedding_summarizer', opts, { maxAttempts: 1 })
  }

  protected async execWithPost(ctx: TaskContext, post: GroxPost): Promise<string> {
    const input = await classifiablePost(ctx, post, await postThread(ctx, post))
    const summary = await classifiersFor(ctx, this.classifiers).summarize(input)
    if (!summary) throw new Error(`summarizer returned nothing for post ${post.id}`)
    ctx.summary = summary
    return summary
  }
}
