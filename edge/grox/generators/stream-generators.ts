// The 16 stream task generators (seed 002, stream_generator.py), as data: the source each reads (our
// counterpart of a Kafka topic: several streams may read one source, each seeing every message, as v4 and
// v5 embeddings read one topic upstream), the eligibilities it injects, the message schema its loader maps,
// and its dispatcher weight and max QPS (upstream's values live in YAML that is not public; ours favour
// fresh posts over recovery and keep each stream within what one local Worker sustains).
import type { StreamType, TaskEligibility } from '../core/types'

/** What produces messages for a source (generators/producers.ts). */
export const GROX_SOURCES = [
  'posts',
  'posts_min_traction',
  'posts_popular',
  'posts_recovery',
  'posts_test',
  'posts_delayed',
  'embedding_requests',
  'embedding_requests_recovery',
  'embedding_requests_for_reply_recovery',
  'safety_ptos_recovery',
  'safety_ptos_deluxe',
  'reply_ranking_recovery',
] as const
export type GroxSource = (typeof GROX_SOURCES)[number]

/** Which loader maps a source's messages (loaders/message-mapping.ts). */
export type MessageSchema = 'post' | 'embedding_request' | 'content_analysis'

export interface StreamGeneratorConfig {
  source: GroxSource
  eligibilities: readonly TaskEligibility[]
  schema: MessageSchema
  weight: number
  maxQps: number
  /** Where a dead-lettered task of this stream is re-driven (its own stream when unset). */
  recovery?: StreamType
}

export const STREAM_GENERATORS: Readonly<Record<StreamType, StreamGeneratorConfig>> = {
  post_stream: {
    source: 'posts',
    eligibilities: ['spam_comment', 'reply_ranking'],
    schema: 'post',
    weight: 10,
    maxQps: 200,
    recovery: 'reply_ranking_recovery_stream',
  },
  post_min_traction_stream_for_grox: {
    source: 'posts_min_traction',
    eligibilities: ['banger_initial_screen'],
    schema: 'post',
    weight: 5,
    maxQps: 100,
    recovery: 'post_stream_recovery',
  },
  post_min_traction_stream_for_grox_ptos: {
    source: 'posts_min_traction',
    eligibilities: ['safety_ptos'],
    schema: 'post',
    weight: 5,
    maxQps: 100,
    recovery: 'safety_ptos_recovery_stream',
  },
  post_min_traction_stream_for_grox_multi_modal: {
    source: 'posts_min_traction',
    eligibilities: ['post_embedding_with_summary_for_reply'],
    schema: 'post',
    weight: 4,
    maxQps: 100,
    recovery: 'post_embedding_request_stream_with_summary_for_reply_recovery',
  },
  post_embedding_request_stream_with_summary_for_reply_recovery: {
    source: 'embedding_requests_for_reply_recovery',
    eligibilities: ['post_embedding_with_summary_for_reply'],
    schema: 'embedding_request',
    weight: 1,
    maxQps: 20,
  },
  post_stream_recovery: {
    source: 'posts_recovery',
    eligibilities: ['banger_initial_screen'],
    schema: 'post',
    weight: 1,
    maxQps: 20,
  },
  safety_ptos_recovery_stream: {
    source: 'safety_ptos_recovery',
    eligibilities: ['safety_ptos'],
    schema: 'content_analysis',
    weight: 1,
    maxQps: 20,
  },
  safety_ptos_deluxe_stream: {
    source: 'safety_ptos_deluxe',
    eligibilities: ['safety_ptos'],
    schema: 'post',
    weight: 3,
    maxQps: 50,
    recovery: 'safety_ptos_recovery_stream',
  },
  post_stream_test: {
    source: 'posts_test',
    eligibilities: ['banger_initial_screen'],
    schema: 'post',
    weight: 1,
    maxQps: 10,
  },
  post_safety_stream: {
    source: 'posts_popular',
    eligibilities: ['post_safety'],
    schema: 'post',
    weight: 4,
    maxQps: 50,
  },
  // Upstream's delayed stream injects nothing: its tasks run no plan (kept for parity; nothing produces it).
  post_stream_delayed: { source: 'posts_delayed', eligibilities: [], schema: 'post', weight: 1, maxQps: 10 },
  reply_ranking_recovery_stream: {
    source: 'reply_ranking_recovery',
    eligibilities: ['reply_ranking'],
    schema: 'post',
    weight: 1,
    maxQps: 20,
  },
  post_embedding_request_stream_with_summary: {
    source: 'embedding_requests',
    eligibilities: ['post_embedding_with_summary'],
    schema: 'embedding_request',
    weight: 6,
    maxQps: 200,
    recovery: 'post_embedding_request_stream_with_summary_recovery',
  },
  post_embedding_request_stream_with_summary_recovery: {
    source: 'embedding_requests_recovery',
    eligibilities: ['post_embedding_with_summary'],
    schema: 'embedding_request',
    weight: 1,
    maxQps: 20,
  },
  // v5 reads the same requests as the with-summary stream (both see every message).
  post_embedding_v5_stream: {
    source: 'embedding_requests',
    eligibilities: ['mm_emb_v5'],
    schema: 'embedding_request',
    weight: 8,
    maxQps: 200,
  },
  post_embedding_v5_for_reply_stream: {
    source: 'posts_min_traction',
    eligibilities: ['mm_emb_v5_for_reply'],
    schema: 'post',
    weight: 4,
    maxQps: 100,
  },
}

/** Every stream reading a source, in table order. */
export function streamsReading(source: GroxSource): StreamType[] {
  return (Object.keys(STREAM_GENERATORS) as StreamType[]).filter(
    (s) => STREAM_GENERATORS[s].source === source,
  )
}
