// The 9 plans of seed 001 as data: each names its tasks (plan-local name -> registry name) and what each
// waits on. The order of PLAN_DEFINITIONS is PlanMaster's order, which fixes which embedding wins a merge.
// Where the seed shows only the shape (post safety, reply ranking, the embedding plans), the graph follows
// its description: a linear chain with the fork at the end it names.
import type { PlanTaskName } from '../core/task-contract'
import type { PlanDefinition } from './plan'

type Def = Omit<PlanDefinition, 'tasks'> & { tasks: Readonly<Record<string, PlanTaskName>> }

/** filter -> rate limit -> media -> banger screen -> (UPA action | annotations -> events). */
export const PLAN_INITIAL_BANGER: Def = {
  name: 'plan_initial_banger',
  requiredEligibility: 'banger_initial_screen',
  tasks: {
    task_initial_banger_filter: 'task_initial_banger_filter',
    task_banger_annotation_rate_limit: 'task_rate_limit_banger_annotation',
    task_media_hydration: 'task_media_hydration_banger',
    task_banger_screen_initial: 'task_banger_screen',
    task_grok_upa_action_with_labels: 'task_grok_upa_action_with_labels',
    task_publish_unified_post_annotations: 'task_publish_unified_post_annotations',
    task_publish_events: 'task_publish_events',
  },
  dependencies: {
    task_initial_banger_filter: [],
    task_banger_annotation_rate_limit: ['task_initial_banger_filter'],
    task_media_hydration: ['task_banger_annotation_rate_limit'],
    task_banger_screen_initial: ['task_media_hydration'],
    task_grok_upa_action_with_labels: ['task_banger_screen_initial'],
    task_publish_unified_post_annotations: ['task_banger_screen_initial'],
    task_publish_events: ['task_publish_unified_post_annotations'],
  },
}

/** filter -> rate limit -> media -> safety screen deluxe -> (UPA action | bool metadata upsert). */
export const PLAN_POST_SAFETY: Def = {
  name: 'plan_post_safety',
  requiredEligibility: 'post_safety',
  tasks: {
    task_post_safety_deluxe_filter: 'task_post_safety_deluxe_filter',
    task_post_safety_annotation_rate_limit: 'task_rate_limit_post_safety_annotation',
    task_media_hydration: 'task_media_hydration_banger',
    task_post_safety_screen_deluxe: 'task_post_safety_screen_deluxe',
    task_grok_upa_action_with_labels: 'task_grok_upa_action_with_labels',
    task_upsert_bool_metadata_to_post_annotations: 'task_upsert_bool_metadata_to_post_annotations',
  },
  dependencies: {
    task_post_safety_deluxe_filter: [],
    task_post_safety_annotation_rate_limit: ['task_post_safety_deluxe_filter'],
    task_media_hydration: ['task_post_safety_annotation_rate_limit'],
    task_post_safety_screen_deluxe: ['task_media_hydration'],
    task_grok_upa_action_with_labels: ['task_post_safety_screen_deluxe'],
    task_upsert_bool_metadata_to_post_annotations: ['task_post_safety_screen_deluxe'],
  },
}

/** filter -> rate limit -> media -> spam detection -> (reply-spam write | events). */
export const PLAN_SPAM_COMMENT: Def = {
  name: 'plan_spam_comment',
  requiredEligibility: 'spam_comment',
  tasks: {
    task_spam_filter: 'task_spam_filter',
    task_reply_spam_annotation_rate_limit: 'task_rate_limit_reply_spam_annotation',
    task_media_hydration: 'task_media_hydration',
    task_spam_detection: 'task_spam_detection',
    task_publish_reply_spam: 'task_write_reply_spam',
    task_publish_events: 'task_publish_events',
  },
  dependencies: {
    task_spam_filter: [],
    task_reply_spam_annotation_rate_limit: ['task_spam_filter'],
    task_media_hydration: ['task_reply_spam_annotation_rate_limit'],
    task_spam_detection: ['task_media_hydration'],
    task_publish_reply_spam: ['task_spam_detection'],
    task_publish_events: ['task_spam_detection'],
  },
}

function embeddingWithSummary(forReply: boolean): Def {
  const suffix = forReply ? '_for_reply' : ''
  return {
    name: `plan_post_embedding_with_summary${suffix}`,
    requiredEligibility: forReply ? 'post_embedding_with_summary_for_reply' : 'post_embedding_with_summary',
    tasks: {
      task_post_embedding_rate_limit_summary: forReply
        ? 'task_rate_limit_embedding_with_summary_for_reply'
        : 'task_rate_limit_embedding_with_summary',
      task_post_embedding_with_summary_filter: forReply
        ? 'task_post_embedding_with_summary_for_reply_filter'
        : 'task_post_embedding_with_summary_filter',
      task_media_hydration: 'task_media_hydration',
      task_post_embedding_summarizer: 'task_post_embedding_summarizer',
      task_multimodal_post_embedding_with_summary: 'task_multimodal_post_embedding_with_summary',
      task_write_post_embedding_sink_v3: 'task_write_mm_embedding_sink_v3',
    },
    // rate limit -> filter -> media -> summarizer -> embedding -> v3 sink (the seed's order).
    dependencies: {
      task_post_embedding_rate_limit_summary: [],
      task_post_embedding_with_summary_filter: ['task_post_embedding_rate_limit_summary'],
      task_media_hydration: ['task_post_embedding_with_summary_filter'],
      task_post_embedding_summarizer: ['task_media_hydration'],
      task_multimodal_post_embedding_with_summary: ['task_post_embedding_summarizer'],
      task_write_post_embedding_sink_v3: ['task_multimodal_post_embedding_with_summary'],
    },
  }
}

export const PLAN_POST_EMBEDDING_WITH_SUMMARY = embeddingWithSummary(false)
export const PLAN_POST_EMBEDDING_WITH_SUMMARY_FOR_REPLY = embeddingWithSummary(true)

/** rate limit -> media -> ASR -> v5 embedding -> v5 sink (no events for replies). */
export const PLAN_POST_EMBEDDING_V5: Def = {
  name: 'plan_post_embedding_v5',
  requiredEligibility: 'mm_emb_v5',
  tasks: {
    task_post_embedding_rate_limit: 'task_rate_limit_embedding_v5',
    task_media_hydration: 'task_media_hydration',
    task_asr_transcription: 'task_asr_transcription',
    task_multimodal_post_embedding_v5: 'task_multimodal_post_embedding_v5',
    task_write_post_embedding_sink_v5: 'task_write_mm_embedding_sink_v5_skip_events_for_replies',
  },
  dependencies: {
    task_post_embedding_rate_limit: [],
    task_media_hydration: ['task_post_embedding_rate_limit'],
    task_asr_transcription: ['task_media_hydration'],
    task_multimodal_post_embedding_v5: ['task_asr_transcription'],
    task_write_post_embedding_sink_v5: ['task_multimodal_post_embedding_v5'],
  },
}

/** The reply variant adds a reply filter after the rate limit and uses the sink that publishes events. */
export const PLAN_POST_EMBEDDING_V5_FOR_REPLY: Def = {
  name: 'plan_post_embedding_v5_for_reply',
  requiredEligibility: 'mm_emb_v5_for_reply',
  tasks: {
    task_post_embedding_rate_limit: 'task_rate_limit_embedding_v5_for_reply',
    task_post_embedding_filter_for_reply: 'task_post_embedding_filter_for_reply',
    task_media_hydration: 'task_media_hydration',
    task_asr_transcription: 'task_asr_transcription',
    task_multimodal_post_embedding_v5: 'task_multimodal_post_embedding_v5',
    task_write_post_embedding_sink_v5: 'task_write_mm_embedding_sink_v5',
  },
  dependencies: {
    task_post_embedding_rate_limit: [],
    task_post_embedding_filter_for_reply: ['task_post_embedding_rate_limit'],
    task_media_hydration: ['task_post_embedding_filter_for_reply'],
    task_asr_transcription: ['task_media_hydration'],
    task_multimodal_post_embedding_v5: ['task_asr_transcription'],
    task_write_post_embedding_sink_v5: ['task_multimodal_post_embedding_v5'],
  },
}

/** filter -> rate limit -> media -> rank replies -> reply-ranking write. */
export const PLAN_REPLY_RANKING: Def = {
  name: 'plan_reply_ranking',
  requiredEligibility: 'reply_ranking',
  tasks: {
    task_reply_ranking_filter: 'task_reply_ranking_filter',
    task_reply_ranking_annotation_rate_limit: 'task_rate_limit_reply_ranking_annotation',
    task_media_hydration: 'task_media_hydration',
    task_rank_replies: 'task_rank_replies',
    task_write_reply_ranking: 'task_write_reply_ranking',
  },
  dependencies: {
    task_reply_ranking_filter: [],
    task_reply_ranking_annotation_rate_limit: ['task_reply_ranking_filter'],
    task_media_hydration: ['task_reply_ranking_annotation_rate_limit'],
    task_rank_replies: ['task_media_hydration'],
    task_write_reply_ranking: ['task_rank_replies'],
  },
}

/** filter -> rate limit -> media -> category -> per-category policy -> annotations sink. */
export const PLAN_SAFETY_PTOS: Def = {
  name: 'plan_safety_ptos',
  requiredEligibility: 'safety_ptos',
  tasks: {
    task_safety_ptos_filter: 'task_safety_ptos_filter',
    task_safety_ptos_annotation_rate_limit: 'task_rate_limit_safety_ptos_annotation',
    task_media_hydration: 'task_media_hydration',
    task_safety_ptos_category_detection: 'task_safety_ptos_category_detection',
    task_safety_ptos_policy_detection: 'task_safety_ptos_policy_detection',
    task_write_safety_post_annotations_result_sink: 'task_write_safety_post_annotations_sink',
  },
  dependencies: {
    task_safety_ptos_filter: [],
    task_safety_ptos_annotation_rate_limit: ['task_safety_ptos_filter'],
    task_media_hydration: ['task_safety_ptos_annotation_rate_limit'],
    task_safety_ptos_category_detection: ['task_media_hydration'],
    task_safety_ptos_policy_detection: ['task_safety_ptos_category_detection'],
    task_write_safety_post_annotations_result_sink: ['task_safety_ptos_policy_detection'],
  },
}

/** PlanMaster's order (seed 001's ALL_PLANS). */
export const PLAN_DEFINITIONS: readonly PlanDefinition[] = [
  PLAN_INITIAL_BANGER,
  PLAN_POST_SAFETY,
  PLAN_SPAM_COMMENT,
  PLAN_POST_EMBEDDING_WITH_SUMMARY,
  PLAN_POST_EMBEDDING_WITH_SUMMARY_FOR_REPLY,
  PLAN_POST_EMBEDDING_V5,
  PLAN_POST_EMBEDDING_V5_FOR_REPLY,
  PLAN_REPLY_RANKING,
  PLAN_SAFETY_PTOS,
]
