// The annotation sinks of the banger, post-safety, spam-comment and reply-ranking plans (seed 001/000's
// Manhattan writes), into GroxStore through ctx.services.sinks: the first write per (post, sink) wins,
// so a redelivered task never writes twice. Label writes (post core data) replace the source's list and
// are idempotent too; they go first so a failure after them is retried whole.
import { TaskStopExecution } from '../../core/task-contract'
import type { GroxPost, TaskContext } from '../../core/types'
import type { TaskOptions } from '../task'
import { TaskWithPost } from '../task-with'
import { workspace } from '../task-workspace'
import { SPAM_LABEL_MIN_SCORE, setGroxLabels } from './safety-labels'

export interface SinkOutcome {
  sink: string
  /** false when an earlier delivery already wrote it. */
  written: boolean
}

abstract class AnnotationSink extends TaskWithPost<SinkOutcome> {
  constructor(
    name: string,
    readonly sink: string,
    opts?: TaskOptions,
  ) {
    super(name, opts)
  }

  protected abstract value(ctx: TaskContext, post: GroxPost): Promise<unknown>

  protected async execWithPost(ctx: TaskContext, post: GroxPost): Promise<SinkOutcome> {
    const value = await this.value(ctx, post)
    return { sink: this.sink, written: await ctx.services.sinks.write(post.id, this.sink, value) }
  }
}

/** Banger plan: every category the screen produced (banger verdict, topics). */
export class PublishUnifiedPostAnnotations extends AnnotationSink {
  constructor(opts?: TaskOptions) {
    super('task_publish_unified_post_annotations', 'unified_post_annotations', opts)
  }
  protected async value(ctx: TaskContext) {
    return { categories: ctx.contentCategories, topics: ctx.availableTopics ?? [] }
  }
}

/** Post-safety plan: the screen's bool metadata. */
export class UpsertBoolMetadataToPostAnnotations extends AnnotationSink {
  constructor(opts?: TaskOptions) {
    super('task_upsert_bool_metadata_to_post_annotations', 'post_bool_metadata', opts)
  }
  protected async value(ctx: TaskContext) {
    const metadata = workspace(ctx).boolMetadata
    if (!metadata) throw new TaskStopExecution('no bool metadata to upsert')
    return metadata
  }
}

/** Spam-comment plan: the verdict, and the spam label on the reply when the model is sure. */
export class WriteReplySpam extends AnnotationSink {
  constructor(opts?: TaskOptions) {
    super('task_write_reply_spam', 'reply_spam', opts)
  }
  protected async value(ctx: TaskContext, post: GroxPost) {
    const verdict = ctx.contentCategories.find((c) => c.category === 'spam_comment')
    if (!verdict) throw new TaskStopExecution('no spam verdict to write')
    const labels = verdict.positive && verdict.score >= SPAM_LABEL_MIN_SCORE ? ['spam_high_recall'] : []
    await setGroxLabels(ctx.services.env, [{ postId: post.id, source: 'reply_spam', labels }])
    return { score: verdict.score, positive: verdict.positive, labels }
  }
}

/** Reply-ranking plan: the reply's score (the loaders' reply-ranking-score read serves it). */
export class WriteReplyRanking extends AnnotationSink {
  constructor(opts?: TaskOptions) {
    super('task_write_reply_ranking', 'reply_ranking', opts)
  }
  protected async value(ctx: TaskContext, post: GroxPost) {
    const result = ctx.replyRankingResults.find((r) => r.postId === post.id)
    if (!result) throw new TaskStopExecution('no reply-ranking score to write')
    return result
  }
}
