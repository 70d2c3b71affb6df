// The contract between the DAG executor (core/dag-executor.ts, helper G1) and the tasks (tasks/**, helper
// G2). Keep it small and stable; a change is announced in this header.
//
// A task is one unit of work inside a plan. The executor calls `run` once every task it depends on has
// succeeded, passing their outputs keyed by registry name. A task answers:
//   - { status: 'success', output }  -> dependants run and see `output` under this task's name;
//   - { status: 'skipped', reason }  -> SKIPPED: every dependant is skipped too, the plan still succeeds;
//   - throws TaskStopExecution        -> the same as skipped (seed 000's clean STOP);
//   - throws anything else            -> an error: dependants are not run and the plan fails (retried by the
//                                        dispatcher up to its max attempts).
// Disable rules, per-task retries (2 attempts) and per-task logs belong to the task's base class (seed 000),
// not to the executor; the executor reports each task's success/skipped/failed to ctx.services.metrics.
// The world is reached through ctx.services (core/types.ts): env, environment (disable rules), loaders
// (post/user/recent posts/reply-ranking score, batched DO RPCs), sinks and dedupe (rate-limit tasks).
// Sink tasks record each write with `ctx.services.sinks.write(postId, sinkName, value)`: the first write
// per (postId, sinkName) wins and later ones return false, so a redelivered task never writes twice.
// Embedding tasks set ctx.multimodalPostEmbedding (the merged result carries the first one); the v5 sink
// writes it to the retrieval index (the index the feed queries).
import type { TaskContext } from './types'

export type TaskOutcome<Out = unknown> =
  | { status: 'success'; output?: Out }
  | { status: 'skipped'; reason?: string }

/** Outputs of the tasks this one depends on, keyed by their registry name. */
export type DependencyOutputs = Readonly<Record<string, unknown>>

/** A task as the executor sees it. `name` is its key in the registry. */
export interface GroxTask<Out = unknown> {
  readonly name: string
  run(ctx: TaskContext, deps: DependencyOutputs): Promise<TaskOutcome<Out>>
}

/** Thrown by a task to stop cleanly: its plan branch is SKIPPED, not failed. */
export class TaskStopExecution extends Error {
  override name = 'TaskStopExecution'
}

/** Every task, by registry name (G2 fills it in tasks/task-registry.ts). */
export type TaskRegistry = Readonly<Record<string, GroxTask>>

export const SUCCESS: TaskOutcome<never> = Object.freeze({ status: 'success' })

export function succeeded<Out>(output: Out): TaskOutcome<Out> {
  return { status: 'success', output }
}

export function skipped(reason: string): TaskOutcome<never> {
  return { status: 'skipped', reason }
}

/**
 * The registry names the 9 plans use (plans/plan-definitions.ts). Upstream's class names in snake case,
 * with the X-internal stores renamed to ours (Manhattan -> post annotations, Kafka -> events).
 */
export const PLAN_TASK_NAMES = [
  // shared
  'task_media_hydration',
  'task_media_hydration_banger',
  'task_grok_upa_action_with_labels',
  'task_publish_events',
  // initial banger
  'task_initial_banger_filter',
  'task_rate_limit_banger_annotation',
  'task_banger_screen',
  'task_publish_unified_post_annotations',
  // post safety
  'task_post_safety_deluxe_filter',
  'task_rate_limit_post_safety_annotation',
  'task_post_safety_screen_deluxe',
  'task_upsert_bool_metadata_to_post_annotations',
  // spam comment
  'task_spam_filter',
  'task_rate_limit_reply_spam_annotation',
  'task_spam_detection',
  'task_write_reply_spam',
  // reply ranking
  'task_reply_ranking_filter',
  'task_rate_limit_reply_ranking_annotation',
  'task_rank_replies',
  'task_write_reply_ranking',
  // safety PTOS
  'task_safety_ptos_filter',
  'task_rate_limit_safety_ptos_annotation',
  'task_safety_ptos_category_detection',
  'task_safety_ptos_policy_detection',
  'task_write_safety_post_annotations_sink',
  // post embedding with summary (+ for reply)
  'task_rate_limit_embedding_with_summary',
  'task_rate_limit_embedding_with_summary_for_reply',
  'task_post_embedding_with_summary_filter',
  'task_post_embedding_with_summary_for_reply_filter',
  'task_post_embedding_summarizer',
  'task_multimodal_post_embedding_with_summary',
  'task_write_mm_embedding_sink_v3',
  // post embedding v5 (+ for reply)
  'task_rate_limit_embedding_v5',
  'task_rate_limit_embedding_v5_for_reply',
  'task_post_embedding_filter_for_reply',
  'task_asr_transcription',
  'task_multimodal_post_embedding_v5',
  'task_write_mm_embedding_sink_v5',
  'task_write_mm_embedding_sink_v5_skip_events_for_replies',
] as const
export type PlanTaskName = (typeof PLAN_TASK_NAMES)[number]
