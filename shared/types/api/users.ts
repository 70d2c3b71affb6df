// Request and response schemas for /v1/users and the account parts of /v1/admin/ingest.
import { z } from 'zod'
import { LOGGABLE_ACTIONS } from '../../phoenix/actions.ts'
import { SUBSCRIPTION_TIERS } from '../domain.ts'
import { epochMsSchema, idSchema, safeText } from './common.ts'
import { LIMITS } from './limits.ts'

/** X's handle rule: 1–15 letters, digits or underscores; unique case-insensitively. */
export const handleSchema = z
  .string()
  .regex(/^[A-Za-z0-9_]{1,15}$/, 'must be 1-15 letters, digits or underscores')

const profileFields = {
  handle: handleSchema,
  displayName: safeText(LIMITS.displayNameChars),
  protected: z.boolean().default(false),
  subscriptionTier: z.enum(SUBSCRIPTION_TIERS).default('none'),
  createdAt: epochMsSchema.optional(),
  nsfw: z.boolean().default(false),
}

/** POST /v1/users (admin): the server assigns `id` when absent. */
export const createUserBody = z.strictObject({ id: idSchema.optional(), ...profileFields })
export type CreateUserBody = z.infer<typeof createUserBody>

/** PATCH /v1/users/{id}: any subset of the profile; creation time is immutable. */
export const patchUserBody = z
  .strictObject({
    handle: handleSchema.optional(),
    displayName: safeText(LIMITS.displayNameChars).optional(),
    protected: z.boolean().optional(),
    subscriptionTier: z.enum(SUBSCRIPTION_TIERS).optional(),
    nsfw: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'at least one field is required')
export type PatchUserBody = z.infer<typeof patchUserBody>

/**
 * One account in POST /v1/admin/ingest/accounts. Bulk follows do not touch followees, so a bulk load sets
 * follower counts here (absolute, hence idempotent).
 */
export const ingestAccountSchema = z.strictObject({
  ...profileFields,
  id: idSchema,
  createdAt: epochMsSchema,
  followersCount: z.number().int().min(0).optional(),
})
export type IngestAccount = z.infer<typeof ingestAccountSchema>

export const userViewSchema = z.object({
  id: idSchema,
  handle: z.string(),
  displayName: z.string(),
  protected: z.boolean(),
  subscriptionTier: z.enum(SUBSCRIPTION_TIERS),
  createdAt: z.number(),
  nsfw: z.boolean(),
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
const loggableAction = z.enum(LOGGABLE_ACTIONS)

export const engagementInputSchema = z.strictObject({
  postId: idSchema,
  action: loggableAction,
  /** Epoch ms; defaults to the server's time. */
  at: epochMsSchema.optional(),
  dwellMs: z.number().int().min(0).max(LIMITS.dwellMs).optional(),
})
export const engagementsBody = z.strictObject({
  engagements: z.array(engagementInputSchema).min(1).max(LIMITS.engagementBatch),
})
export type EngagementInput = z.infer<typeof engagementInputSchema>

export const engagementViewSchema = z.object({
  postId: idSchema,
  action: z.string(),
  at: z.number(),
  dwellMs: z.number().optional(),
})
export const engagementHistorySchema = z.object({ engagements: z.array(engagementViewSchema) })
export const historyQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(LIMITS.engagementHistory).default(100),
  before: z.coerce.number().int().min(0).optional(),
})

export const impressionsBody = z
  .strictObject({
    served: z.array(idSchema).max(LIMITS.impressionBatch).default([]),
    seen: z.array(idSchema).max(LIMITS.impressionBatch).default([]),
    at: epochMsSchema.optional(),
  })
  .refine((b) => b.served.length + b.seen.length > 0, 'served or seen must list at least one post id')
