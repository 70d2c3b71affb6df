// The embedding sinks (seed 001's TaskWriteMMEmbeddingSink*). V5 writes the post-tower embedding into the
// retrieval index the feed queries (an upsert of the same vector is a no-op, so redelivery is harmless),
// records it in GroxStore and publishes a `post_embedding` event — except, in the plain V5 plan, for
// replies (upstream's SkipKafkaForReplies). V3 (the summary embedding) records the embedding and the
// summary; the index holds one vector per post, V5's, so V3 does not overwrite it.

import { retrievalIndex } from '../../../retrieval/retrieval-index'
import { TaskStopExecution } from '../../core/task-contract'
import type { GroxPost, TaskContext } from '../../core/types'
import { SUMMARY_SINK } from '../load-post-with-summary'
import type { TaskOptions } from '../task'
import { TaskWithPost } from '../task-with'
import type { SinkOutcome } from './annotation-sinks'
import { publishEvent } from './publish-events'

type EmbeddingSinkVariant = 'v3' | 'v5' | 'v5_skip_events_for_replies'

const NAMES: Record<EmbeddingSinkVariant, string> = {
  v3: 'task_write_mm_embedding_sink_v3',
  v5: 'task_write_mm_embedding_sink_v5',
  v5_skip_events_for_replies: 'task_write_mm_embedding_sink_v5_skip_events_for_replies',
}

export class WriteMmEmbeddingSink extends TaskWithPost<SinkOutcome & { indexed: boolean; event: boolean }> {
  constructor(
    private readonly variant: EmbeddingSinkVariant,
    opts?: TaskOptions,
  ) {
    super(NAMES[variant], opts)
  }

  protected async execWithPost(ctx: TaskContext, post: GroxPost) {
    const model = this.variant === 'v3' ? 'with_summary' : 'v5'
    const embedding = ctx.multimodalPostEmbeddingByModel[model]
    if (!embedding) throw new TaskStopExecution(`no ${model} embedding to write`)
    const indexed = this.variant !== 'v3'
    if (indexed) {
      await retrievalIndex(ctx.services.env).upsert([
        {
          postId: post.id,
          authorId: post.authorId,
          createdAt: post.createdAt,
          embedding: Float32Array.from(embedding),
        },
      ])
    } else {
      await ctx.services.sinks.write(post.id, SUMMARY_SINK, { summary: ctx.summary })
    }
    const sink = `mm_embedding_${this.variant === 'v3' ? 'v3' : 'v5'}`
    const written = await ctx.services.sinks.write(post.id, sink, { dims: embedding.length, indexed })
    const skipEvent = this.variant === 'v5_skip_events_for_replies' && post.replyToId !== undefined
    if (!skipEvent) await publishEvent(ctx, post.id, 'post_embedding', { model, dims: embedding.length })
    return { sink, written, indexed, event: !skipEvent }
  }
}
