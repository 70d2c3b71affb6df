// Events for downstream consumers (seed 001's Kafka publish). Ours are records in GroxStore's sink log,
// `event:<kind>` per post: exactly one per (post, kind) however often the task is redelivered, readable
// by any consumer through sinkRecords (the admin inspector does). No extra queue: nothing consumes one yet.
import type { GroxPost, TaskContext } from '../../core/types'
import type { TaskOptions } from '../task'
import { TaskWithPost } from '../task-with'
import type { SinkOutcome } from './annotation-sinks'

export async function publishEvent(
  ctx: TaskContext,
  postId: string,
  kind: string,
  body: unknown,
): Promise<SinkOutcome> {
  const sink = `event:${kind}`
  return {
    sink,
    written: await ctx.services.sinks.write(postId, sink, { kind, at: ctx.services.now(), body }),
  }
}

/** The plans' shared publish task: the content categories of this task so far. */
export class PublishEvents extends TaskWithPost<SinkOutcome> {
  constructor(opts?: TaskOptions) {
    super('task_publish_events', opts)
  }

  protected async execWithPost(ctx: TaskContext, post: GroxPost): Promise<SinkOutcome> {
    return publishEvent(ctx, post.id, 'content_categories', {
      categories: ctx.contentCategories,
      eligibilities: ctx.payload.eligibilities,
    })
  }
}
