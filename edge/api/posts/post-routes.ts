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
import { toPostView } from '../../posts/post-record'
import { requireProfile } from '../../users/user-service'
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
    ' may set both.',
  callers: ['admin', 'user'],
  request: { body: jsonBody(createPostBody) },
  responses: { 201: jsonContent(postViewSchema, 'The stored post') },
})

const get = defineRoute({
  method: 'get',
  path: '/{id}',
  summary: 'A post by id',
  callers: ['admin', 'user'],
  request: { params: postIdParams },
  responses: { 200: jsonContent(postViewSchema, 'The post') },
})

const del = defineRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Delete a post (its author or admin); Thunder tombstones it',
  callers: ['admin', 'user'],
  request: { params: postIdParams },
  responses: { 200: jsonContent(z.object({ id: z.string(), deleted: z.literal(true) }), 'Deleted') },
})

const lookup = defineRoute({
  method: 'post',
  path: '/lookup',
  summary: 'Batch lookup of up to 2,000 posts (one round trip per post-store shard)',
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
    if (created === undefined || created.outcome?.status !== 'created') {
      throw new ApiError(409, 'post_exists', 'a post with this id exists', 'id')
    }
    return c.json(toPostView(created.record), 201, { location: `/v1/posts/${created.record.id}` })
  })
  .openapi(get, async (c) => {
    const { id } = c.req.valid('param')
    const record = (await lookupPosts(c.env, [id])).get(id)
    if (record === undefined) throw postNotFound(id)
    return c.json(toPostView(record), 200)
  })
  .openapi(del, async (c) => {
    const { id } = c.req.valid('param')
    await deletePost(c.env, id, principalOf(c), Date.now())
    return c.json({ id, deleted: true as const }, 200)
  })
  .openapi(lookup, async (c) => {
    const { ids } = c.req.valid('json')
    const found = await lookupPosts(c.env, ids)
    const unique = [...new Set(ids)]
    return c.json(
      {
        posts: unique.flatMap((id) => {
          const r = found.get(id)
          return r === undefined ? [] : [toPostView(r)]
        }),
        missing: unique.filter((id) => !found.has(id)),
      },
      200,
    )
  })
