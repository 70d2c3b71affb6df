// The post, defined once. Every other shape of a post (API bodies and views, the edge's stored record,
// Thunder's compact post, the world seed) is derived from `postSchema` with pick / omit / extend, so a new
// field is added here and reaches each boundary that should carry it.
import { z } from 'zod'
import { isBlank } from '../text/invisible.ts'
import { canonicalLanguageTag, LANGUAGE_TAG_MAX_CHARS } from '../text/language-tag.ts'
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

/**
 * A BCP-47 language tag ("en", "en-US", "zh-Hant", "fil") or "und" when unknown, stored in the canonical
 * form `Intl.getCanonicalLocales` gives ("EN-us" → "en-US"); the primary language must be a known ISO 639
 * language (shared/text/language-tag.ts), so "zz" and "qqq" are refused.
 */
export const languageSchema = z
  .string()
  .max(LANGUAGE_TAG_MAX_CHARS)
  .refine((tag) => canonicalLanguageTag(tag) !== null, 'must be a BCP-47 tag of a known language, or "und"')
  .overwrite((tag) => canonicalLanguageTag(tag) ?? tag)
  .meta({ description: 'BCP-47 language tag, stored canonical ("en-US", "zh-Hant"); "und" when unknown.' })

/**
 * Post text, stored in NFC. Empty is allowed (a post of media alone, a repost); text with nothing visible
 * once whitespace and invisible characters are removed is refused.
 */
export const postTextSchema = safeText(LIMITS.postTextChars, { multiline: true, nfc: true }).refine(
  (text) => text.length === 0 || !isBlank(text),
  'must contain a visible character (not only spaces or zero-width characters)',
)

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
  text: postTextSchema,
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
