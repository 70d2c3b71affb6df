// Request and response schemas for /v1/posts and the post parts of /v1/admin/ingest.
import { z } from 'zod'
import { MEDIA_TYPES } from '../domain.ts'
import { epochMsSchema, idSchema, safeText } from './common.ts'
import { LIMITS } from './limits.ts'

export const mediaSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('video'),
    durationMs: z.number().int().min(1).max(LIMITS.videoDurationMs),
  }),
  z.strictObject({ type: z.enum(MEDIA_TYPES.filter((t) => t !== 'video')) }),
])

/** BCP-47 primary language subtag ("en", "pt", "fil") or "und" when unknown. */
export const languageSchema = z.string().regex(/^[a-z]{2,3}$/, 'must be a lowercase ISO 639 code or "und"')

const postFields = {
  id: idSchema.optional(),
  authorId: idSchema.optional(),
  text: safeText(LIMITS.postTextChars, { multiline: true }).default(''),
  createdAt: epochMsSchema.optional(),
  replyToId: idSchema.optional(),
  quoteOfId: idSchema.optional(),
  repostOfId: idSchema.optional(),
  media: z.array(mediaSchema).max(LIMITS.mediaPerPost).default([]),
  subscriberOnly: z.boolean().default(false),
  language: languageSchema.default('und'),
}

type PostShape = {
  text: string
  media: unknown[]
  createdAt?: number | undefined
  replyToId?: string | undefined
  quoteOfId?: string | undefined
  repostOfId?: string | undefined
}

function checkPostShape(post: PostShape, ctx: z.RefinementCtx): void {
  if (post.repostOfId !== undefined && (post.replyToId !== undefined || post.quoteOfId !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['repostOfId'], message: 'a repost cannot also reply or quote' })
  }
  if (post.repostOfId === undefined && post.text.length === 0 && post.media.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['text'], message: 'a post needs text or media' })
  }
  if (post.createdAt !== undefined && post.createdAt > Date.now() + LIMITS.futureSkewMs) {
    ctx.addIssue({ code: 'custom', path: ['createdAt'], message: 'must not be in the future' })
  }
}

/** POST /v1/posts. `authorId` defaults to the caller; the server assigns `id` and `createdAt` when absent. */
export const createPostBody = z.strictObject(postFields).superRefine(checkPostShape)
export type CreatePostBody = z.infer<typeof createPostBody>

export const engagementCountsSchema = z.strictObject({
  favorite: z.number().int().min(0),
  reply: z.number().int().min(0),
  repost: z.number().int().min(0),
  quote: z.number().int().min(0),
  view: z.number().int().min(0),
})

/** One post in POST /v1/admin/ingest/posts: ids and times are required, counts may be preset. */
export const ingestPostSchema = z
  .strictObject({
    ...postFields,
    id: idSchema,
    authorId: idSchema,
    createdAt: epochMsSchema,
    counts: engagementCountsSchema.optional(),
  })
  .superRefine(checkPostShape)
export type IngestPost = z.infer<typeof ingestPostSchema>

export const postViewSchema = z.object({
  id: idSchema,
  authorId: idSchema,
  text: z.string(),
  createdAt: z.number(),
  replyToId: idSchema.optional(),
  replyToUserId: idSchema.optional(),
  quoteOfId: idSchema.optional(),
  quoteOfUserId: idSchema.optional(),
  repostOfId: idSchema.optional(),
  repostOfUserId: idSchema.optional(),
  conversationId: idSchema,
  media: z.array(mediaSchema),
  subscriberOnly: z.boolean(),
  language: z.string(),
  counts: engagementCountsSchema,
})
export type PostView = z.infer<typeof postViewSchema>

export const postIdParams = z.strictObject({ id: idSchema })

export const lookupPostsBody = z.strictObject({
  ids: z.array(idSchema).min(1).max(LIMITS.postLookupIds),
})
export const lookupPostsResponse = z.object({ posts: z.array(postViewSchema), missing: z.array(idSchema) })
