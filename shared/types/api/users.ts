// Request and response schemas for /v1/users and the account parts of /v1/admin/ingest.
import { z } from 'zod'
import { LOGGABLE_ACTIONS } from '../../phoenix/actions.ts'
import { accountDefaults, accountSchema, handleSchema } from '../account.ts'
import { historyEngagementSchema } from '../engagement.ts'
import { epochMsSchema, idSchema, queryInt, safeText } from './common.ts'
import { LIMITS } from './limits.ts'

export { handleSchema } from '../account.ts'

/** POST /v1/users (admin): the server assigns `id` (and `createdAt`) when absent. */
export const createUserBody = accountSchema
  .extend(accountDefaults)
  .partial({ id: true, createdAt: true })
  .strict()
export type CreateUserBody = z.infer<typeof createUserBody>

/**
 * The profile fields a user may change on itself. Everything else in a patch is the operator's (billing:
 * `subscriptionTier`; moderation: `nsfw`): admin-only, so a field added to the account is admin-only until
 * it is listed here.
 */
export const SELF_WRITABLE_PROFILE_FIELDS = ['handle', 'displayName', 'protected'] as const

/** PATCH /v1/users/{id}: any subset of the profile; id and creation time are immutable. */
export const patchUserBody = accountSchema
  .omit({ id: true, createdAt: true })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'at least one field is required')
export type PatchUserBody = z.infer<typeof patchUserBody>

/**
 * One account in POST /v1/admin/ingest/accounts. Bulk follows do not touch followees, so a bulk load sets
 * follower counts here (absolute, hence idempotent).
 */
export const ingestAccountSchema = accountSchema
  .extend({ ...accountDefaults, followersCount: z.number().int().min(0).optional() })
  .strict()
export type IngestAccount = z.infer<typeof ingestAccountSchema>

export const userViewSchema = accountSchema.extend({
  followersCount: z.number().int(),
  followingCount: z.number().int(),
})
export type UserView = z.infer<typeof userViewSchema>

export const userIdParams = z.strictObject({ id: idSchema })
export const handleParams = z.strictObject({ handle: handleSchema })
export const relationParams = z.strictObject({ id: idSchema, targetId: idSchema })

export const RELATION_KINDS = ['following', 'blocks', 'mutes'] as const
export type RelationKind = (typeof RELATION_KINDS)[number]

export const relationListSchema = z.object({
  ids: z.array(idSchema),
  /** Epoch ms each relation was created, parallel to `ids`. */
  since: z.array(z.number()),
})
export const relationChangeSchema = z.object({
  targetId: idSchema,
  active: z.boolean(),
  changed: z.boolean(),
})

// Keywords are matched case-insensitively; stored trimmed and lowercased.
const keywordSchema = safeText(LIMITS.mutedKeywordChars, { min: 1 }).refine(
  (s) => s.trim().length > 0,
  'must not be blank',
)
export const mutedKeywordsBody = z.strictObject({
  keywords: z.array(keywordSchema).max(LIMITS.mutedKeywords),
})
export const mutedKeywordsSchema = z.object({ keywords: z.array(z.string()) })

/** Clients log any action of the shared vocabulary except the two the server derives. */
export const engagementInputSchema = historyEngagementSchema
  .extend({
    action: z.enum(LOGGABLE_ACTIONS),
    /** Epoch ms; defaults to the server's time. */
    at: historyEngagementSchema.shape.at.optional(),
  })
  .strict()
export const engagementsBody = z.strictObject({
  engagements: z.array(engagementInputSchema).min(1).max(LIMITS.engagementBatch),
})
export type EngagementInput = z.infer<typeof engagementInputSchema>

export const engagementViewSchema = historyEngagementSchema
export const engagementHistorySchema = z.object({ engagements: z.array(engagementViewSchema) })
export const historyQuery = z.strictObject({
  limit: queryInt(1, LIMITS.engagementHistory).default(100),
  before: queryInt(0, Number.MAX_SAFE_INTEGER).optional(),
})

export const impressionsBody = z
  .strictObject({
    served: z.array(idSchema).max(LIMITS.impressionBatch).default([]),
    seen: z.array(idSchema).max(LIMITS.impressionBatch).default([]),
    at: epochMsSchema.optional(),
  })
  .refine((b) => b.served.length + b.seen.length > 0, 'served or seen must list at least one post id')
