import { z } from 'zod'
import {
  createPostBody,
  lookupPostsBody,
  lookupPostsResponse,
  postIdParams,
  postViewSchema,
} from '../../../shared/types/api/posts.ts'
import type { Env } from '../../env'
import { createPosts } from '../../posts/create-posts'
import { lookupPosts, postShardOf } from '../../posts/post-client'
import { type PostRecord, toPostView } from '../../posts/post-record'
import type { PostDeletedEvent } from '../../queue/post-events'
import { requireProfile } from '../../users/user-service'
import { actsFor, principalOf } from '../authorize'
import { ApiError } from '../errors'
import { defineRoute, jsonContent, newApi } from '../openapi/define-route'

const jsonBody = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true })
const notFound = (id: string) => new ApiError(404, 'post_not_found', `post ${id} not found`, 'id')

const create = defineRoute({
  method: 'post',
  path: '/',
  summary: "Create a post; its ingest event puts it into the author's Thunder shard",
  description: 'A user token posts as itself (authorId defaults to it); the admin token must name authorId.',
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

async function deletePost(env: Env, record: PostRecord, deletedAt: number): Promise<void> {
  const id = record.id
  // Event first: if marking fails, a retried DELETE resends it (the consumer is idempotent).
  const event: PostDeletedEvent = {
    type: 'post.deleted',
    eventId: `post.deleted:${id}`,
    postId: id,
    authorId: record.authorId,
    deletedAt,
  }
  await env.POST_INGEST.send(event)
  if (!(await postShardOf(env, id).markDeleted(id, deletedAt))) throw notFound(id)
}

export const postRoutes = newApi()
  .openapi(create, async (c) => {
    const principal = principalOf(c)
    const b = c.req.valid('json')
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
    return c.json(toPostView(created.record), 201)
  })
  .openapi(get, async (c) => {
    const { id } = c.req.valid('param')
    const record = (await lookupPosts(c.env, [id])).get(id)
    if (record === undefined) throw notFound(id)
    return c.json(toPostView(record), 200)
  })
  .openapi(del, async (c) => {
    const { id } = c.req.valid('param')
    const record = (await lookupPosts(c.env, [id])).get(id)
    if (record === undefined) throw notFound(id)
    if (!actsFor(principalOf(c), record.authorId))
      throw new ApiError(403, 'not_author', 'only the author can delete')
    await deletePost(c.env, record, Date.now())
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
