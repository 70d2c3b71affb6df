// Domain types shared by the world generator, the edge and the web app. Ids are 64-bit snowflake-style
// integers and travel as decimal strings everywhere outside arithmetic.
import type { DiscreteAction } from '../phoenix/actions.ts'

/** A 64-bit id as a decimal string, e.g. "1859384756123456789". */
export type Id = string

export const SUBSCRIPTION_TIERS = ['none', 'basic', 'premium', 'premium_plus'] as const
export type SubscriptionTier = (typeof SUBSCRIPTION_TIERS)[number]

/** Every author is also a user who can follow and engage. */
export interface Account {
  id: Id
  handle: string
  displayName: string
  protected: boolean
  subscriptionTier: SubscriptionTier
  /** Epoch ms. */
  createdAt: number
  /** Authors flagged NSFW (a visibility-rule input). */
  nsfw?: boolean
}

export const MEDIA_TYPES = ['image', 'video', 'gif'] as const
export type MediaType = (typeof MEDIA_TYPES)[number]

export interface Media {
  type: MediaType
  /** Videos only. */
  durationMs?: number
}

export interface Post {
  id: Id
  authorId: Id
  text: string
  /** Epoch ms. */
  createdAt: number
  replyToId?: Id
  quoteOfId?: Id
  repostOfId?: Id
  /** The root post of the conversation this post belongs to (its own id for a root). */
  conversationId?: Id
  media: Media[]
  subscriberOnly: boolean
  /** BCP-47 primary language subtag, e.g. "en". */
  language: string
}

export interface Engagement {
  postId: Id
  action: DiscreteAction
  /** Epoch ms. */
  at: number
  /** Time spent on the post, for `dwell`. */
  dwellMs?: number
}

export interface EngagementCounts {
  favorite: number
  reply: number
  repost: number
  quote: number
  view: number
}
