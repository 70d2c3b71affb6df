// In-memory shapes of the world. Accounts and posts are addressed by array index inside the generator
// (fast, compact); ids are snowflake-style decimal strings for everything that leaves it.
import type { EngagementCounts, SubscriptionTier } from '../../shared/types/domain.ts'
import type { WorldConfig } from './config.ts'
import type { FollowGraph } from './follow-graph.ts'
import type { TimeIndex } from './time-index.ts'
import type { Language } from './vocab.ts'

export interface WorldAccount {
  index: number
  id: string
  handle: string
  displayName: string
  createdAtMs: number
  subscriptionTier: SubscriptionTier
  protected: boolean
  language: Language
  isAuthor: boolean
  /** Ground truth, viewer side: topic preferences (sum 1), their max, activity, taste per author style. */
  pref: Float64Array
  maxPref: number
  activity: number
  styleTaste: Float64Array
  /** Ground truth, author side (meaningful only when isAuthor). */
  quality: number
  style: number
  primaryTopic: number
  secondaryTopic: number
  fame: number
  postRate: number
  nsfw: boolean
  spammy: boolean
  offersSubscriptions: boolean
}

export type MediaKind = 'none' | 'image' | 'video' | 'gif'
export type PostKind = 'original' | 'reply' | 'quote' | 'repost'

export interface WorldPost {
  index: number
  id: string
  authorIndex: number
  createdAtMs: number
  kind: PostKind
  text: string
  wordCount: number
  hasLink: boolean
  media: MediaKind
  /** 0 unless media is a video. */
  videoDurationMs: number
  /** Post indices, −1 when absent. `conversation` is the root's index (its own for a root). */
  replyTo: number
  quoteOf: number
  repostOf: number
  conversation: number
  subscriberOnly: boolean
  language: Language
  /** Ground truth: topic mix = topicWeight on `topic`, the rest on `topic2`; quality in [0, 1]. */
  topic: number
  topic2: number
  topicWeight: number
  quality: number
  /** Zipf-like popularity weight in (0, 1]. */
  popularity: number
  counts: EngagementCounts
}

export interface PostIndices {
  /** Every post, by the topic of its content. */
  byTopic: TimeIndex[]
  /** Post indices of each author, oldest first. */
  byAuthor: Int32Array[]
  /** Creation times matching byAuthor. */
  byAuthorTimes: Float64Array[]
  all: TimeIndex
}

export interface World {
  config: WorldConfig
  nowMs: number
  accounts: WorldAccount[]
  posts: WorldPost[]
  follows: FollowGraph
  accountIndexById: ReadonlyMap<string, number>
  postIndexById: ReadonlyMap<string, number>
  indices: PostIndices
}
