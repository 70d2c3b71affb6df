// The account (every author is also a user who follows and engages), defined once; the API bodies and
// views, the edge's profile and the world seed derive from `accountSchema`.
import { z } from 'zod'
import { displayNameProblem } from '../text/display-name.ts'
import { isReservedLookAlike } from '../text/reserved-names.ts'
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

const RESERVED_MESSAGE = 'is reserved or looks like a reserved name (shared/text/reserved-names.ts)'

/** A handle a user may take: not a reserved name or a look-alike of one (case-insensitive, confusables). */
export const claimableHandleSchema = handleSchema.refine((h) => !isReservedLookAlike(h), RESERVED_MESSAGE)

/**
 * Stored in NFC; no bidi controls, something visible, no verification-badge look-alikes
 * (shared/text/display-name.ts).
 */
export const displayNameSchema = safeText(LIMITS.displayNameChars, { nfc: true }).superRefine((name, ctx) => {
  const problem = displayNameProblem(name)
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem })
})

/** A display name a user may choose: also not a reserved name or a look-alike of one ("Аdmin", "X Support"). */
export const claimableDisplayNameSchema = displayNameSchema.refine(
  (name) => !isReservedLookAlike(name),
  RESERVED_MESSAGE,
)

export const accountSchema = z.object({
  id: idSchema,
  handle: handleSchema,
  displayName: displayNameSchema,
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
