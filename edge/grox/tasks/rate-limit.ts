// Seed 000's rate-limit tasks: per-plan first-write-wins dedupe of a post within a 60 s window, so a post
// arriving on several streams (post, min traction, popular) is processed once per plan. Upstream keeps a
// TTL cache per process; ours is GroxStore (ctx.services.dedupe), one record per (scope, post) that every
// Worker isolate sees. Not a token bucket: the first claim wins, the rest skip until the window ends.
import { TaskStopExecution } from '../core/task-contract'
import type { GroxPost, TaskContext } from '../core/types'
import type { TaskOptions } from './task'
import { countReason } from './task-metrics'
import { TaskWithPost } from './task-with'

export const RATE_LIMIT_TTL_MS = 60_000

export class RateLimitWithPost extends TaskWithPost<void> {
  constructor(
    name: string,
    /** The dedupe namespace: one per plan flow, so the windows do not interfere. */
    private readonly scope: string | ((ctx: TaskContext) => string),
    opts?: TaskOptions,
  ) {
    super(name, opts)
  }

  protected async execWithPost(ctx: TaskContext, post: GroxPost): Promise<undefined> {
    const scope = typeof this.scope === 'string' ? this.scope : this.scope(ctx)
    const passed = await ctx.services.dedupe.claim(scope, post.id, RATE_LIMIT_TTL_MS)
    countReason('rate_limit', this.name, passed ? 'passed' : 'limited')
    if (!passed) throw new TaskStopExecution(`post ${post.id} already hit the rate limit for ${scope}`)
    return undefined
  }
}

/** The nine rate limiters: registry name → dedupe scope. */
export const RATE_LIMIT_SCOPES = {
  task_rate_limit_embedding_with_summary: 'mm_emb_summary',
  task_rate_limit_embedding_with_summary_for_reply: 'mm_emb_summary_for_reply',
  task_rate_limit_embedding_v5: 'mm_emb_v5',
  task_rate_limit_embedding_v5_for_reply: 'mm_emb_v5_for_reply',
  task_rate_limit_banger_annotation: 'banger_annotation',
  task_rate_limit_reply_spam_annotation: 'reply_spam_annotation',
  task_rate_limit_reply_ranking_annotation: 'reply_ranking_annotation',
  task_rate_limit_post_safety_annotation: 'post_safety_annotation',
} as const

/** PTOS keeps two namespaces: the deluxe stream may legitimately process a post the standard one did. */
export function ptosScope(ctx: TaskContext): string {
  return ctx.payload.taskType === 'safety_ptos_deluxe_stream' ? 'safety_ptos_deluxe' : 'safety_ptos'
}

export function rateLimitTasks(opts?: TaskOptions): RateLimitWithPost[] {
  return [
    ...Object.entries(RATE_LIMIT_SCOPES).map(([name, scope]) => new RateLimitWithPost(name, scope, opts)),
    new RateLimitWithPost('task_rate_limit_safety_ptos_annotation', ptosScope, opts),
  ]
}
