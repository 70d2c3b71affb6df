// The seed the synthetic world exports for the edge (`npm start` loads it through the real API).
// Times are relative to "now" so a seed loaded today has posts from the last 48 hours.
import type { DiscreteAction } from '../phoenix/actions.ts'
import type { Account, EngagementCounts, Media, SubscriptionTier } from './domain.ts'

export interface SeedAccount extends Omit<Account, 'createdAt'> {
  /** How long before "now" the account was created, ms. */
  createdAgoMs: number
  subscriptionTier: SubscriptionTier
}

export interface SeedPost {
  id: string
  authorId: string
  text: string
  /** How long before "now" the post was created, ms (0 … 48 h). */
  createdAgoMs: number
  replyToId?: string
  quoteOfId?: string
  repostOfId?: string
  conversationId?: string
  media: Media[]
  subscriberOnly: boolean
  language: string
  counts: EngagementCounts
}

export interface SeedEngagement {
  userId: string
  postId: string
  action: DiscreteAction
  agoMs: number
  dwellMs?: number
}

export interface WorldSeed {
  format: 'for-you-edge/world-seed@1'
  worldSeed: number
  accounts: SeedAccount[]
  /** [follower, followee] pairs. */
  follows: [string, string][]
  posts: SeedPost[]
  engagements: SeedEngagement[]
}
