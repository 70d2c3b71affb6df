// Request and response schemas for /v1/posts and the post parts of /v1/admin/ingest.
import { z } from 'zod'
import { authoredPostSchema, engagementCountsSchema, postSchema } from '../post.ts'
import { idSchema } from './common.ts'
import { LIMITS } from './limits.ts'

export { engagementCountsSchema, languageSchema, mediaSchema } from '../post.ts'

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
  // A repost shows the original: content of its own is a quote.
  if (post.repostOfId !== undefined && post.text.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['text'],
      message: 'a repost has no text of its own (quote instead)',
    })
  }
  if (post.repostOfId !== undefined && post.media.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['media'],
      message: 'a repost has no media of its own (quote instead)',
    })
  }
  if (post.repostOfId === undefined && post.text.length === 0 && post.media.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['text'], message: 'a post needs text or media' })
  }
  if (post.createdAt !== undefined && post.createdAt > Date.now() + LIMITS.futureSkewMs) {
    ctx.addIssue({ code: 'custom', path: ['createdAt'], message: 'must not be in the future' })
  }
}

// What a writer may leave out of the content, with its defaults. Request bodies reject unknown fields.
const writtenPost = authoredPostSchema
  .extend({
    text: postSchema.shape.text.default(''),
    media: postSchema.shape.media.default([]),
    subscriberOnly: postSchema.shape.subscriberOnly.default(false),
    language: postSchema.shape.language.default('und'),
  })
  .strict()

/**
 * POST /v1/posts. `authorId` defaults to the caller; the server assigns `id` and `createdAt` when absent, and
 * only the admin may give them (the route refuses them from a user token).
 */
export const createPostBody = writtenPost
  .partial({ id: true, authorId: true, createdAt: true })
  .superRefine(checkPostShape)
export type CreatePostBody = z.infer<typeof createPostBody>

/** One post in POST /v1/admin/ingest/posts: ids and times are required, counts may be preset. */
export const ingestPostSchema = writtenPost
  .extend({ counts: engagementCountsSchema.optional() })
  .superRefine(checkPostShape)
export type IngestPost = z.infer<typeof ingestPostSchema>

/** Whether a post this one points at can still be read (false once it is deleted). */
export const referencedPostSchema = z.object({ id: idSchema, available: z.boolean() })

/**
 * GET /v1/posts/{id} and lookups: the post as the store knows it, plus for a quote (`quoted`) and a reply
 * (`parent`) whether the post it points at is still there.
 */
export const postViewSchema = postSchema.extend({
  quoted: referencedPostSchema.optional(),
  parent: referencedPostSchema.optional(),
})
export type PostView = z.infer<typeof postViewSchema>

export const postIdParams = z.strictObject({ id: idSchema })

export const lookupPostsBody = z.strictObject({
  ids: z.array(idSchema).min(1).max(LIMITS.postLookupIds),
})
export const lookupPostsResponse = z.object({ posts: z.array(postViewSchema), missing: z.array(idSchema) })
