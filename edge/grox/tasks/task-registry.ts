// Every Grox task by registry name: the names the 9 plans use (core/task-contract.ts PLAN_TASK_NAMES)
// plus the seed's tasks no plan of ours uses yet (post reload with not-found retry, post with summary,
// user recent posts). Instances hold per-isolate state (the banger topic cache), as upstream's class
// attributes do.
import type { GroxTask, PlanTaskName, TaskRegistry } from '../core/task-contract'
import { AsrTranscription } from './asr-transcription'
import { BangerScreen } from './banger-screen'
import { PostEmbeddingForReplyFilter, PostEmbeddingWithSummaryFilter } from './filters/embedding-filters'
import { ReplyRankingFilter } from './filters/reply-ranking-filter'
import { InitialBangerFilter, PostSafetyDeluxeFilter, SafetyPtosFilter } from './filters/safety-filters'
import { SpamFilter } from './filters/spam-filter'
import { LoadPostWithNotFoundRetry } from './load-post-with-not-found-retry'
import { LoadPostWithSummary } from './load-post-with-summary'
import { LoadUserRecentPosts } from './load-user-recent-posts'
import { MediaHydration } from './media-hydration'
import { MultimodalPostEmbedding } from './multimodal-post-embedding'
import { PostSafetyScreenDeluxe } from './post-safety-screen-deluxe'
import { RankReplies } from './rank-replies'
import { rateLimitTasks } from './rate-limit'
import { SafetyPtosCategoryDetection } from './safety-ptos-category'
import { SafetyPtosPolicyDetection } from './safety-ptos-policy'
import {
  PublishUnifiedPostAnnotations,
  UpsertBoolMetadataToPostAnnotations,
  WriteReplyRanking,
  WriteReplySpam,
} from './sinks/annotation-sinks'
import { GrokUpaActionWithLabels } from './sinks/grok-upa-action'
import { PublishEvents } from './sinks/publish-events'
import { WriteMmEmbeddingSink } from './sinks/write-embedding-sinks'
import { WriteSafetyPostAnnotationsSink } from './sinks/write-safety-annotations'
import { SpamDetection } from './spam-detection'
import { PostEmbeddingSummarizer } from './summarizer'

export function buildTaskRegistry(): TaskRegistry {
  const tasks: GroxTask[] = [
    new MediaHydration('task_media_hydration'),
    new MediaHydration('task_media_hydration_banger'),
    new GrokUpaActionWithLabels(),
    new PublishEvents(),
    new InitialBangerFilter(),
    new BangerScreen(),
    new PublishUnifiedPostAnnotations(),
    new PostSafetyDeluxeFilter(),
    new PostSafetyScreenDeluxe(),
    new UpsertBoolMetadataToPostAnnotations(),
    new SpamFilter(),
    new SpamDetection(),
    new WriteReplySpam(),
    new ReplyRankingFilter(),
    new RankReplies(),
    new WriteReplyRanking(),
    new SafetyPtosFilter(),
    new SafetyPtosCategoryDetection(),
    new SafetyPtosPolicyDetection(),
    new WriteSafetyPostAnnotationsSink(),
    ...rateLimitTasks(),
    new PostEmbeddingWithSummaryFilter(),
    new PostEmbeddingForReplyFilter('task_post_embedding_with_summary_for_reply_filter'),
    new PostEmbeddingForReplyFilter('task_post_embedding_filter_for_reply'),
    new PostEmbeddingSummarizer(),
    new MultimodalPostEmbedding('with_summary'),
    new WriteMmEmbeddingSink('v3'),
    new AsrTranscription(),
    new MultimodalPostEmbedding('v5'),
    new WriteMmEmbeddingSink('v5'),
    new WriteMmEmbeddingSink('v5_skip_events_for_replies'),
    new LoadPostWithNotFoundRetry(),
    new LoadPostWithSummary(),
    new LoadUserRecentPosts(),
  ]
  return Object.fromEntries(tasks.map((t) => [t.name, t]))
}

export const taskRegistry: TaskRegistry = buildTaskRegistry()

/** Plan task names with no task here (the registry test keeps this empty). */
export function missingPlanTasks(registry: TaskRegistry, names: readonly PlanTaskName[]): PlanTaskName[] {
  return names.filter((n) => registry[n] === undefined)
}
