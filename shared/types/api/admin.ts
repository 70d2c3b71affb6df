// Request and response schemas for /v1/auth and /v1/admin.
import { z } from 'zod'
import { engagementSchema } from '../engagement.ts'
import { followSchema } from '../follow.ts'
import { idSchema } from './common.ts'
import { LIMITS } from './limits.ts'
import { nextCursorSchema, PAGE_SIZES, pageQuery } from './pagination.ts'
import { ingestPostSchema } from './posts.ts'
import { handleSchema, ingestAccountSchema } from './users.ts'

export const devLoginBody = z.union([
  z.strictObject({ handle: handleSchema }),
  z.strictObject({ userId: idSchema }),
])
export const issueTokenBody = z.strictObject({
  userId: idSchema,
  ttlSeconds: z.number().int().min(60).max(LIMITS.tokenTtlMaxS).default(LIMITS.tokenTtlDefaultS),
})
export const tokenResponse = z.object({ userId: idSchema, token: z.string(), expiresAt: z.number() })

export const ingestAccountsBody = z.strictObject({
  accounts: z.array(ingestAccountSchema).min(1).max(LIMITS.adminAccountsBatch),
})
export const ingestAccountsResponse = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Accounts whose handle belongs to another id; they were not written. */
  handleConflicts: z.array(idSchema),
})

export const ingestPostsBody = z.strictObject({
  posts: z.array(ingestPostSchema).min(1).max(LIMITS.adminPostsBatch),
})
export const ingestPostsResponse = z.object({
  created: z.number().int(),
  existing: z.number().int(),
  /** Ingest events published by this call (new posts and earlier ones never published). */
  published: z.number().int(),
})

export const ingestFollowsBody = z.strictObject({
  follows: z.array(followSchema).min(1).max(LIMITS.adminFollowsBatch),
})
export const ingestFollowsResponse = z.object({ added: z.number().int(), skipped: z.number().int() })

export const ingestEngagementSchema = engagementSchema
  .extend({
    /** Idempotency key; defaults to postId:action:at. */
    key: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,80}$/)
      .optional(),
  })
  .strict()
export type IngestEngagement = z.infer<typeof ingestEngagementSchema>
export const ingestEngagementsBody = z.strictObject({
  engagements: z.array(ingestEngagementSchema).min(1).max(LIMITS.adminEngagementsBatch),
})
export const ingestEngagementsResponse = z.object({ added: z.number().int(), skipped: z.number().int() })

/** A group of users' accounts, follows and engagements at once: each user's object is written in one call. */
export const ingestUsersBody = z.strictObject({
  accounts: z.array(ingestAccountSchema).max(LIMITS.adminAccountsBatch),
  follows: z.array(followSchema).max(LIMITS.adminFollowsBatch),
  engagements: z.array(ingestEngagementSchema).max(LIMITS.adminUsersEngagementsBatch),
})
export const ingestUsersResponse = z.object({
  accounts: ingestAccountsResponse,
  follows: ingestFollowsResponse,
  engagements: ingestEngagementsResponse,
})

export const deadLetterSchema = z.object({
  id: z.string(),
  queue: z.string(),
  reason: z.string(),
  attempts: z.number().int(),
  body: z.unknown(),
  receivedAt: z.number(),
})
/** GET /v1/admin/posts/outbox: post events published and not yet confirmed by the ingest consumer. */
export const postOutboxResponse = z.object({
  pending: z.number().int(),
  shards: z.array(z.object({ shard: z.number().int(), pending: z.number().int() })),
})

export const deadLettersResponse = z.object({
  deadLetters: z.array(deadLetterSchema),
  total: z.number().int(),
  nextCursor: nextCursorSchema,
})
/** Newest first, then by id; positions are [receivedAt, id]. */
export const deadLettersQuery = pageQuery(
  'dead-letters',
  z.tuple([z.number().int().min(0), z.string().min(1).max(200)]),
  PAGE_SIZES.deadLetters,
)
