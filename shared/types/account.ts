// The account (every author is also a user who follows and engages), defined once; the API bodies and
// views, the edge's profile and the world seed derive from `accountSchema`.
import { z } from 'zod'
import { epochMsSchema, idSchema, safeText } from './api/common.ts'
import { LIMITS } from './api/limits.ts'

export const SUBSCRIPTION_TIERS = ['none', 'basic', 'premium', 'premium_plus'] as const
export type SubscriptionTier = (typeof SUBSCRIPTION_TIERS)[number]

/** X's handle rule: 1–15 letters, digits or underscores; unique case-insensitively. */
export const handleSchema = z
  .string()
  .regex(/^[A-Za-z0-9_]{1,15}$/, 'must be 1-15 letters, digits or underscores')
  // The regex is the check; this publishes its length bound in the OpenAPI document.
  .meta({ minLength: 1, maxLength: LIMITS.handleChars })

export const accountSchema = z.object({
  id: idSchema,
  handle: handleSchema,
  displayName: safeText(LIMITS.displayNameChars),
  protected: z.boolean(),
  subscriptionTier: z.enum(SUBSCRIPTION_TIERS),
  createdAt: epochMsSchema,
  /** Authors flagged NSFW (a visibility-rule input). */
  nsfw: z.boolean(),
})
export type Account = z.infer<typeof accountSchema>

/** The profile fields a writer may leave out, with their defaults. */
export const accountDefaults = {
  protected: accountSchema.shape.protected.default(false),
  subscriptionTier: accountSchema.shape.subscriptionTier.default('none'),
  nsfw: accountSchema.shape.nsfw.default(false),
}
