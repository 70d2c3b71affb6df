// Grox's data types (seed 002, schedules/types.py), TypeScript-idiomatic: plain, structured-clone-safe data
// for what crosses a Queue or a Durable Object call (TaskPayload, TaskResult), a class for the mutable
// per-task workspace (TaskContext). Times are epoch milliseconds, as everywhere in this project.
import type { UserView } from '../../../shared/types/api/users.ts'
import type { Post } from '../../../shared/types/post.ts'
import type { Env } from '../../env'

/** The steering tags: which plans a task is eligible for (each plan requires exactly one). */
export const TASK_ELIGIBILITIES = [
  'spam_comment',
  'banger_initial_screen',
  'post_embedding_with_summary',
  'post_embedding_with_summary_for_reply',
  'mm_emb_v4',
  'mm_emb_v5',
  'mm_emb_v5_for_reply',
  'reply_ranking',
  'safety_ptos',
  'post_safety',
] as const
export type TaskEligibility = (typeof TASK_ELIGIBILITIES)[number]

/** Upstream's TaskGeneratorType: the 16 streams a task can come from (generators/stream-generators.ts). */
export const STREAM_TYPES = [
  'post_stream',
  'post_min_traction_stream_for_grox',
  'post_min_traction_stream_for_grox_ptos',
  'post_min_traction_stream_for_grox_multi_modal',
  'post_embedding_request_stream_with_summary_for_reply_recovery',
  'post_stream_recovery',
  'safety_ptos_recovery_stream',
  'safety_ptos_deluxe_stream',
  'post_stream_test',
  'post_safety_stream',
  'post_stream_delayed',
  'reply_ranking_recovery_stream',
  'post_embedding_request_stream_with_summary',
  'post_embedding_request_stream_with_summary_recovery',
  'post_embedding_v5_stream',
  'post_embedding_v5_for_reply_stream',
] as const
export type StreamType = (typeof STREAM_TYPES)[number]

/** A post as Grox reads it: the post store's public view. */
export type GroxPost = Post
/** An author as Grox reads it: the profile view with follower counts. */
export type GroxUser = UserView

/** A user plus context, for reply-ranking style tasks. */
export interface UserContext {
  user: GroxUser
  recentPosts?: GroxPost[]
}

/** One label or category a classifier produced; `source` names the task that produced it. */
export interface ContentCategoryResult {
  source: string
  /** e.g. "spam", "banger", "AdultContent", "nsfw". */
  category: string
  /** Classifier score in [0, 1]. */
  score: number
  /** The classifier's verdict at its threshold. */
  positive: boolean
  /** The PTOS policy type, when there is one. */
  policy?: string
  reason?: string
}

/** The 10 PTOS categories (x-algorithm-facts §6). */
export const SAFETY_CATEGORIES = [
  'HateOrAbuse',
  'ViolentSpeech',
  'ChildSafety',
  'IllegalAndRegulatedBehaviors',
  'Spam',
  'SuicideOrSelfHarm',
  'AdultContent',
  'ViolentMedia',
  'TerrorismOrViolentExtremism',
  'CivicIntegrity',
] as const
export type SafetyCategory = (typeof SAFETY_CATEGORIES)[number]

export interface SafetyPolicy {
  policyType: string
  confidenceScore?: number
  reason?: string
}

export interface SafetyViolatedPolicy {
  category: SafetyCategory
  score?: number
  reason?: string
  safetyPolicy?: SafetyPolicy
}

export interface SafetyPostAnnotations {
  violatedPolicies: SafetyViolatedPolicy[]
}

export interface ReplyScoreResult {
  postId: string
  score: number
  reason?: string
}

/** Prior analysis a recovery task extends. */
export interface GroxContentAnalysis {
  postId: string
  contentCategories: ContentCategoryResult[]
  summary?: string
  safetyAnnotations?: SafetyPostAnnotations
}

/** What travels from a stream to the engine (and back inside a TaskResult). Immutable by convention. */
export interface TaskPayload {
  /** Unique per delivery of a stream message; routes the result and the ack. */
  payloadId: string
  post?: GroxPost
  user?: GroxUser
  userContext?: UserContext
  /** 0 on the first run; the dispatcher adds 1 per retry. */
  attempt: number
  eligibilities: TaskEligibility[]
  /** Epoch ms after which the task is skipped, not run. */
  deadlineMs?: number
  taskType?: StreamType
  contentAnalysis?: GroxContentAnalysis
}

/** What a plan (and PlanMaster, merged) returns for a task. */
export interface TaskResult {
  task: TaskPayload
  startedAt: number
  finishedAt: number
  contentCategories: ContentCategoryResult[]
  multimodalPostEmbedding?: number[]
  reason: string
  success: boolean
  error?: string
}

/** Where Grox runs; disable rules key on it (seed 000). ENVIRONMENT "production" is prod. */
export type GroxEnvironment = 'local' | 'dev' | 'prod'

/** On-demand loaders (seed 001's Strato loaders) over our Durable Objects; implemented in loaders/. */
export interface GroxLoaders {
  /** null when the post does not exist or is deleted. */
  loadPost(postId: string): Promise<GroxPost | null>
  /** Batched: one RPC per post-store shard; missing ids are absent from the map. */
  loadPosts(postIds: readonly string[]): Promise<Map<string, GroxPost>>
  /** null when the user does not exist. */
  loadUser(userId: string): Promise<GroxUser | null>
  loadUsers(userIds: readonly string[]): Promise<Map<string, GroxUser>>
  /** The user's most recent posts, newest first (originals and the posts they reposted). */
  loadUserRecentPosts(userId: string, limit?: number): Promise<GroxPost[]>
  loadReplyRankingScore(postId: string): Promise<ReplyScoreResult | null>
}

/** Idempotent sink writes, first write wins per (postId, sink): a redelivered task never writes twice. */
export interface GroxSinks {
  /** Returns false when this (postId, sink) was already written. */
  write(postId: string, sink: string, value: unknown): Promise<boolean>
}

/**
 * Per-plan first-write-wins dedupe with a TTL (seed 000's rate-limit tasks), shared across isolates: kept in
 * the GroxStore Durable Object shard of the post. `claim` is true for the first caller within `ttlMs`.
 */
export interface GroxDedupe {
  claim(scope: string, postId: string, ttlMs: number): Promise<boolean>
}

/** Per-task counters the engine reports to the stats route. */
export interface GroxMetrics {
  task(taskName: string, outcome: 'success' | 'skipped' | 'failed'): void
}

/** What tasks reach the world through; the engine builds one per task. */
export interface GroxServices {
  env: Env
  environment: GroxEnvironment
  now(): number
  loaders: GroxLoaders
  sinks: GroxSinks
  dedupe: GroxDedupe
  metrics: GroxMetrics
}

/** The mutable workspace of one task as it flows through a plan (seed 002's TaskContext). */
export class TaskContext {
  readonly payload: TaskPayload
  /** A copy: plans may remove eligibilities as they are satisfied without touching the payload. */
  readonly eligibilities: Set<TaskEligibility>
  contentCategories: ContentCategoryResult[] = []
  summary = ''
  multimodalPostEmbedding: number[] | undefined
  multimodalPostEmbeddingByModel: Record<string, number[]> = {}
  replyRankingResults: ReplyScoreResult[] = []
  reason = ''
  availableTopics: string[] | undefined
  readonly startedAt: number
  errors: Error[] = []
  safetyAnnotations: SafetyPostAnnotations | undefined

  constructor(
    payload: TaskPayload,
    readonly services: GroxServices,
  ) {
    this.payload = payload
    this.eligibilities = new Set(payload.eligibilities)
    this.startedAt = services.now()
  }
}

/** A clean abort a plan raises (seed 002's TaskError). */
export class TaskError extends Error {
  override name = 'TaskError'
}
