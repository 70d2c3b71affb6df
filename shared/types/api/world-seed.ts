// Runtime check of the synthetic world's export (shared/types/world-seed.ts), for tools that read one from
// disk. Shallow on item contents: the ingest API validates every item against its own schemas.
import { z } from 'zod'
import { DISCRETE_ACTIONS } from '../../phoenix/actions.ts'
import { MEDIA_TYPES, SUBSCRIPTION_TIERS } from '../domain.ts'
import type { WorldSeed } from '../world-seed.ts'

const counts = z.object({
  favorite: z.number(),
  reply: z.number(),
  repost: z.number(),
  quote: z.number(),
  view: z.number(),
})

export const worldSeedSchema: z.ZodType<WorldSeed> = z.object({
  format: z.literal('for-you-edge/world-seed@1'),
  worldSeed: z.number(),
  accounts: z.array(
    z.object({
      id: z.string(),
      handle: z.string(),
      displayName: z.string(),
      protected: z.boolean(),
      subscriptionTier: z.enum(SUBSCRIPTION_TIERS),
      createdAgoMs: z.number(),
      nsfw: z.boolean().optional(),
    }),
  ),
  follows: z.array(z.tuple([z.string(), z.string()])),
  posts: z.array(
    z.object({
      id: z.string(),
      authorId: z.string(),
      text: z.string(),
      createdAgoMs: z.number(),
      replyToId: z.string().optional(),
      quoteOfId: z.string().optional(),
      repostOfId: z.string().optional(),
      conversationId: z.string().optional(),
      media: z.array(z.object({ type: z.enum(MEDIA_TYPES), durationMs: z.number().optional() })),
      subscriberOnly: z.boolean(),
      language: z.string(),
      counts,
    }),
  ),
  engagements: z.array(
    z.object({
      userId: z.string(),
      postId: z.string(),
      action: z.enum(DISCRETE_ACTIONS),
      agoMs: z.number(),
      dwellMs: z.number().optional(),
    }),
  ),
})
