// The post, defined once. Every other shape of a post (API bodies and views, the edge's stored record,
// Thunder's compact post, the world seed) is derived from `postSchema` with pick / omit / extend, so a new
// field is added here and reaches each boundary that should carry it.
import { z } from 'zod'
import { epochMsSchema, idSchema, safeText } from './api/common.ts'
import { LIMITS } from './api/limits.ts'

export const MEDIA_TYPES = ['image', 'video', 'gif'] as const
export type MediaType = (typeof MEDIA_TYPES)[number]

/** A duration for videos (required) and only for them. */
export const mediaSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('video'),
    durationMs: z.number().int().min(1).max(LIMITS.videoDurationMs),
  }),
  z.strictObject({
    type: z.enum(MEDIA_TYPES.filter((t): t is Exclude<MediaType, 'video'> => t !== 'video')),
  }),
])
export type Media = z.infer<typeof mediaSchema>

/** BCP-47 primary language subtag ("en", "pt", "fil") or "und" when unknown. */
export const languageSchema = z.string().regex(/^[a-z]{2,3}$/, 'must be a lowercase ISO 639 code or "und"')

const count = z.number().int().min(0)
export const engagementCountsSchema = z.strictObject({
  favorite: count,
  reply: count,
  repost: count,
  quote: count,
  view: count,
})
export type EngagementCounts = z.infer<typeof engagementCountsSchema>

export const postSchema = z.object({
  id: idSchema,
  authorId: idSchema,
  text: safeText(LIMITS.postTextChars, { multiline: true }),
  createdAt: epochMsSchema,
  replyToId: idSchema.optional(),
  /** Author of the replied-to post (derived by the store from `replyToId`). */
  replyToUserId: idSchema.optional(),
  quoteOfId: idSchema.optional(),
  quoteOfUserId: idSchema.optional(),
  repostOfId: idSchema.optional(),
  repostOfUserId: idSchema.optional(),
  /** The root post of the conversation (its own id for a root). */
  conversationId: idSchema,
  media: z.array(mediaSchema).max(LIMITS.mediaPerPost),
  subscriberOnly: z.boolean(),
  language: languageSchema,
  counts: engagementCountsSchema,
})
export type Post = z.infer<typeof postSchema>

/** What a writer supplies; the store derives the `…UserId` fields, `conversationId` and `counts`. */
export const authoredPostSchema = postSchema.pick({
  id: true,
  authorId: true,
  text: true,
  createdAt: true,
  replyToId: true,
  quoteOfId: true,
  repostOfId: true,
  media: true,
  subscriberOnly: true,
  language: true,
})
export type AuthoredPost = z.infer<typeof authoredPostSchema>

const p = postSchema.shape
/**
 * A post as Thunder (the in-network store) sees it, upstream's CompactPost: identity and relations only,
 * under upstream's field names. Its variants live in api/thunder.ts.
 */
export const compactPostSchema = z.object({
  postId: p.id,
  authorId: p.authorId,
  createdAt: p.createdAt,
  replyToPostId: p.replyToId,
  replyToUserId: p.replyToUserId,
  /** Root of the conversation; the post's own id for a root. */
  conversationId: p.conversationId.optional(),
  repostOfId: p.repostOfId,
  repostOfUserId: p.repostOfUserId,
})
export type CompactPost = z.infer<typeof compactPostSchema>
