// The seed the synthetic world exports for the edge (`npm start` loads it through the real API), derived
// from the domain schemas. Times are relative to "now" so a seed loaded today has posts from the last 48 h.
import { z } from 'zod'
import { accountSchema } from './account.ts'
import { engagementSchema } from './engagement.ts'
import { followSchema } from './follow.ts'
import { postSchema } from './post.ts'

/** How long before "now" something happened, ms (the seeder turns it into an epoch time). */
const agoMs = z.number()

export const seedAccountSchema = accountSchema
  .omit({ createdAt: true })
  .partial({ nsfw: true })
  .extend({ createdAgoMs: agoMs })
export type SeedAccount = z.infer<typeof seedAccountSchema>

/** The store derives the `…UserId` fields; the conversation root is optional (the store derives it too). */
export const seedPostSchema = postSchema
  .omit({ createdAt: true, replyToUserId: true, quoteOfUserId: true, repostOfUserId: true })
  .partial({ conversationId: true })
  .extend({ createdAgoMs: agoMs })
export type SeedPost = z.infer<typeof seedPostSchema>

export const seedEngagementSchema = engagementSchema.omit({ at: true }).extend({ agoMs })
export type SeedEngagement = z.infer<typeof seedEngagementSchema>

/**
 * Runtime check for tools that read a seed from disk. Items are checked against the domain schemas, so a
 * file the generator did not write is rejected with the path of its first bad item.
 */
export const worldSeedSchema = z.object({
  format: z.literal('for-you-edge/world-seed@1'),
  worldSeed: z.number(),
  accounts: z.array(seedAccountSchema),
  follows: z.array(followSchema),
  posts: z.array(seedPostSchema),
  engagements: z.array(seedEngagementSchema),
})
export type WorldSeed = z.infer<typeof worldSeedSchema>
