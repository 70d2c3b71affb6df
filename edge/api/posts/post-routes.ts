import { z } from 'zod'
import {
  createPostBody,
  lookupPostsBody,
  lookupPostsResponse,
  postIdParams,
  postViewSchema,
} from '../../../shared/types/api/posts.ts'
import { postNotFound } from '../../domain-error'
import { createPosts } from '../../posts/create-posts'
import { deletePost } from '../../posts/delete-posts'
import { lookupPosts } from '../../posts/post-client'
import { postViews } from '../../posts/post-views'
import { requireProfile } from '../../users/user-service'
import { readableBy } from '../../visibility/visibility-guards'
import { actsFor, principalOf } from '../authorize'
import { ApiError } from '../errors'
import { defineRoute, jsonBody, jsonContent, newApi } from '../openapi/define-route'

/** A user's post gets the server's snowflake id and time; only the admin (ingest, repair) may name them. */
function refuseServerAssigned(b: { id?: string | undefined; createdAt?: number | undefined }): void {
  for (const field of ['id', 'createdAt'] as const)
    if (b[field] !== undefined)
      throw new ApiError(
        400,
        'server_assigned',
        `${field} is assigned by the server; only the admin sets it`,
        field,
      )
}

const create = defineRoute({
  method: 'post',
  path: '/',
  summary: "Create a post; its ingest event puts it into the author's Thunder shard",
  description:
    'A user token posts as itself (authorId defaults to it) and gets a server-assigned snowflake `id` and the' +
    " server's `createdAt` (naming either is a 400 `server_assigned`); the admin token must name authorId and" +
    ' may set both. A reference to a repost (replyToId, quoteOfId, repostOfId) means its original. A repost' +
    " has no text or media (400 naming the field), takes the original's subscriberOnly and language, and" +
    ' exists once per user and original: reposting again answers 200 with the existing repost. Creating a' +
    " reply, quote or repost moves the referenced post's counts.reply / quote / repost. Referencing a post" +
    ' the author may not see (edge/README.md, "Visibility") is a 404 naming the field, like a missing post.',
  callers: ['admin', 'user'],
  request: { body: jsonBody(createPostBody) },
  responses: {
    200: jsonContent(postViewSchema, 'A repost the caller already has of this original (one per user)'),
    201: jsonContent(postViewSchema, 'The stored post'),
  },
})

const get = defineRoute({
  method: 'get',
  path: '/{id}',
  summary: 'A post by id',
  description:
    'A post the caller may not see (a protected author it does not follow, a block either way, a' +
    ' subscriber-only post without a subscription) is a 404, like a missing one; the admin sees every post.',
  callers: ['admin', 'user'],
  request: { params: postIdParams },
  responses: { 200: jsonContent(postViewSchema, 'The post') },
})

const del = defineRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Delete a post (its author or admin); Thunder tombstones it; its reposts go with it',
  description:
    'Deleting a repost undoes it. Deleting a post deletes its reposts (post store, Thunder, retrieval, through' +
    " the ingest outbox) and moves the referenced post's counts back; quotes and replies stay, their views" +
    ' saying `quoted` / `parent` `{id, available: false}`.',
  callers: ['admin', 'user'],
  request: { params: postIdParams },
  responses: { 200: jsonContent(z.object({ id: z.string(), deleted: z.literal(true) }), 'Deleted') },
})

const lookup = defineRoute({
  method: 'post',
  path: '/lookup',
  summary: 'Batch lookup of up to 2,000 posts (one round trip per post-store shard)',
  description: 'Posts the caller may not see are listed in `missing`, like posts that do not exist.',
  callers: ['admin', 'user'],
  request: { body: jsonBody(lookupPostsBody) },
  responses: { 200: jsonContent(lookupPostsResponse, 'Found posts in request order, and the missing ids') },
})

export const postRoutes = newApi()
  .openapi(create, async (c) => {
    const principal = principalOf(c)
    const b = c.req.valid('json')
    if (principal.kind === 'user') refuseServerAssigned(b)
    const authorId = b.authorId ?? (principal.kind === 'user' ? principal.userId : undefined)
    if (authorId === undefined) throw new ApiError(400, 'invalid_request', 'authorId is required', 'authorId')
    if (!actsFor(principal, authorId))
      throw new ApiError(403, 'forbidden', 'you can only post as yourself', 'authorId')
    await requireProfile(c.env, authorId, 'authorId')
    const { items } = await createPosts(c.env, [{ ...b, authorId, createdAt: b.createdAt ?? Date.now() }], {
      strictRefs: true,
    })
    const created = items[0]
    const status = created?.outcome?.status
    // Reposting again answers the repost the user has (X keeps one per user and original).
    if (created !== undefined && status === 'exists' && created.record.repostOfId !== undefined) {
      const stored = (await lookupPosts(c.env, [created.record.id])).get(created.record.id)
      if (stored !== undefined) return c.json((await postViews(c.env, [stored]))[0], 200)
    }
    if (created === undefined || status !== 'created') {
      throw new ApiError(409, 'post_exists', 'a post with this id exists', 'id')
    }
    const [view] = await postViews(c.env, [created.record])
    return c.json(view, 201, { location: `/v1/posts/${created.record.id}` })
  })
  .openapi(get, async (c) => {
    const { id } = c.req.valid('param')
    const record = (await readableBy(c.env, principalOf(c), await lookupPosts(c.env, [id]))).get(id)
    if (record === undefined) throw postNotFound(id)
    return c.json((await postViews(c.env, [record]))[0], 200)
  })
  .openapi(del, async (c) => {
    const { id } = c.req.valid('param')
    await deletePost(c.env, id, principalOf(c), Date.now())
    return c.json({ id, deleted: true as const }, 200)
  })
  .openapi(lookup, async (c) => {
    const { ids } = c.req.valid('json')
    const found = await readableBy(c.env, principalOf(c), await lookupPosts(c.env, ids))
    const unique = [...new Set(ids)]
    return c.json(
      {
        posts: await postViews(
          c.env,
          unique.flatMap((id) => {
            const r = found.get(id)
            return r === undefined ? [] : [r]
          }),
        ),
        missing: unique.filter((id) => !found.has(id)),
      },
      200,
    )
  })
