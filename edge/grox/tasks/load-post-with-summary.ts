// TaskLoadPostWithSummary (seed 000): the post plus its earlier summary. Both missing cases are skips —
// the summary may simply not have been computed yet. The summary is the one the summary-embedding plan
// stored (sink `summary_v3`) or, on a recovery re-drive, the prior analysis the message carried.
import { TaskStopExecution } from '../core/task-contract'
import type { GroxPost, TaskContext } from '../core/types'
import { sinkRecords } from '../store/grox-store-client'
import type { TaskOptions } from './task'
import { TaskWithPost } from './task-with'

export const SUMMARY_SINK = 'summary_v3'

export class LoadPostWithSummary extends TaskWithPost<GroxPost> {
  constructor(opts?: TaskOptions) {
    super('task_load_post_with_summary', opts)
  }

  protected async execWithPost(ctx: TaskContext, post: GroxPost): Promise<GroxPost> {
    const loaded = await ctx.services.loaders.loadPost(post.id)
    if (loaded === null) throw new TaskStopExecution(`Post not found: ${post.id}`)
    let summary =
      ctx.payload.contentAnalysis?.postId === post.id ? ctx.payload.contentAnalysis.summary : undefined
    if (summary === undefined) {
      const stored = (await sinkRecords(ctx.services.env, [post.id])).find((r) => r.sink === SUMMARY_SINK)
      const value = stored?.value as { summary?: unknown } | undefined
      if (typeof value?.summary === 'string') summary = value.summary
    }
    if (summary === undefined) throw new TaskStopExecution(`Summary not found: ${post.id}`)
    ctx.summary = summary
    ctx.payload.post = loaded
    return loaded
  }
}
