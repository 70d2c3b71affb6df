// In-memory shapes of the world. Accounts and posts are addressed by array index inside the generator
// (fast, compact); ids are snowflake-style decimal strings for everything that leaves it.
import type { Account } from '../types/account.ts'
import type { MediaType, Post } from '../types/post.ts'
import type { WorldConfig } from './config.ts'
import type { FollowGraph } from './follow-graph.ts'
import type { TimeIndex } from './time-index.ts'
import type { Language } from './vocab.ts'

/** An account's public fields come from the domain schema; the rest is the generator's ground truth. */
export interface WorldAccount
  extends Pick<Account, 'id' | 'handle' | 'displayName' | 'subscriptionTier' | 'protected' | 'nsfw'> {
  index: number
  createdAtMs: number
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
  spammy: boolean
  offersSubscriptions: boolean
}

/** One medium per post in the world (the ranker's featurizer sees the same). */
export type MediaKind = 'none' | MediaType
export type PostKind = 'original' | 'reply' | 'quote' | 'repost'

/**
 * A post's public fields come from the domain schema; relations are array indices (the export turns them
 * into ids), and the rest is the generator's ground truth.
 */
export interface WorldPost extends Pick<Post, 'id' | 'text' | 'subscriberOnly' | 'counts'> {
  index: number
  authorIndex: number
  createdAtMs: number
  kind: PostKind
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
  language: Language
  /** Ground truth: topic mix = topicWeight on `topic`, the rest on `topic2`; quality in [0, 1]. */
  topic: number
  topic2: number
  topicWeight: number
  quality: number
  /** Zipf-like popularity weight in (0, 1]. */
  popularity: number
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
