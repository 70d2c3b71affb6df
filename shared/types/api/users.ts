// Request and response schemas for /v1/users and the account parts of /v1/admin/ingest.
import { z } from 'zod'
import { LOGGABLE_ACTIONS } from '../../phoenix/actions.ts'
import {
  accountDefaults,
  accountSchema,
  claimableDisplayNameSchema,
  claimableHandleSchema,
  handleSchema,
} from '../account.ts'
import { historyEngagementSchema } from '../engagement.ts'
import { epochMsSchema, idSchema, safeText } from './common.ts'
import { LIMITS } from './limits.ts'
import { nextCursorSchema, PAGE_SIZES, pageQuery } from './pagination.ts'

export { handleSchema } from '../account.ts'

/**
 * What a user may call itself: reserved names and their look-alikes are refused here, on the routes that
 * act for a person (create, patch). The admin ingest, the operator's bulk load, takes the stored shape
 * (`accountSchema`), so the operator can create its own reserved accounts.
 */
const claimableNames = { handle: claimableHandleSchema, displayName: claimableDisplayNameSchema }

/** POST /v1/users (admin): the server assigns `id` (and `createdAt`) when absent. */
export const createUserBody = accountSchema
  .extend({ ...accountDefaults, ...claimableNames })
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
  .extend(claimableNames)
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
  nextCursor: nextCursorSchema,
})
/** GET /v1/users/{id}/{following,blocks,mutes}: newest first, ties by id; positions are [at, targetId]. */
export const relationListQuery = (kind: RelationKind) =>
  pageQuery(kind, z.tuple([z.number().int().min(0), idSchema]), PAGE_SIZES.relations)
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
/** GET /v1/users/{id}/muted-keywords: in keyword order; the position is the last keyword. */
export const mutedKeywordsQuery = pageQuery(
  'muted-keywords',
  z.tuple([
    z
      .string()
      .min(1)
      .max(LIMITS.mutedKeywordChars * 2),
  ]),
  PAGE_SIZES.mutedKeywords,
)
export const mutedKeywordsPageSchema = mutedKeywordsSchema.extend({ nextCursor: nextCursorSchema })

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

/** DELETE /v1/users/{id}/favorites/{postId}: undo a favorite. */
export const favoriteParams = z.strictObject({ id: idSchema, postId: idSchema })
export const favoriteChangeSchema = z.object({
  postId: idSchema,
  active: z.literal(false),
  changed: z.boolean(),
})

export const engagementViewSchema = historyEngagementSchema
export const engagementHistorySchema = z.object({
  engagements: z.array(engagementViewSchema),
  nextCursor: nextCursorSchema,
})
/** GET /v1/users/{id}/engagements: newest first, then the later insert; positions are [at, sequence]. */
export const historyQuery = pageQuery(
  'engagements',
  z.tuple([z.number().int().min(0), z.number().int().min(0)]),
  PAGE_SIZES.engagements,
)

export const impressionsBody = z
  .strictObject({
    served: z.array(idSchema).max(LIMITS.impressionBatch).default([]),
    seen: z.array(idSchema).max(LIMITS.impressionBatch).default([]),
    at: epochMsSchema.optional(),
  })
  .refine((b) => b.served.length + b.seen.length > 0, 'served or seen must list at least one post id')
