// The domain concepts in one import: each is defined once, as a zod schema in its own file (post.ts,
// account.ts, engagement.ts, follow.ts), with its type inferred from the schema. Ids are 64-bit
// snowflake-style integers and travel as decimal strings everywhere outside arithmetic.

export {
  type Account,
  accountSchema,
  SUBSCRIPTION_TIERS,
  type SubscriptionTier,
} from './account.ts'
export { type Engagement, engagementSchema, type HistoryEngagement } from './engagement.ts'
export { type Follow, followSchema } from './follow.ts'
export {
  type CompactPost,
  type EngagementCounts,
  MEDIA_TYPES,
  type Media,
  type MediaType,
  type Post,
  postSchema,
} from './post.ts'

/** A 64-bit id as a decimal string, e.g. "1859384756123456789". */
export type Id = string
