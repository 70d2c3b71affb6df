import type { ZodType } from 'zod'
import {
  ingestAccountsBody,
  ingestAccountsResponse,
  ingestEngagementsBody,
  ingestEngagementsResponse,
  ingestFollowsBody,
  ingestFollowsResponse,
  ingestPostsBody,
  ingestPostsResponse,
} from '../../../shared/types/api/admin.ts'
import { LIMITS } from '../../../shared/types/api/limits.ts'
import { createPosts } from '../../posts/create-posts'
import { ingestAccounts, ingestEngagements, ingestFollows } from '../../users/bulk-ingest'
import { defineRoute, jsonBody, jsonContent, newApi } from '../openapi/define-route'

function ingestRoute<B extends ZodType, R extends ZodType>(
  path: string,
  summary: string,
  body: B,
  response: R,
) {
  return defineRoute({
    method: 'post',
    path,
    summary,
    description:
      'Idempotent: replaying a batch changes nothing. Used by the seeder (edge/dev/seed-world.ts).',
    callers: ['admin'],
    maxBodyBytes: LIMITS.adminBodyBytes,
    request: { body: jsonBody(body) },
    responses: { 200: jsonContent(response, 'What the batch changed') },
  })
}

const accounts = ingestRoute(
  '/ingest/accounts',
  'Create or update accounts by id (handles are claimed; a handle owned by another id is reported)',
  ingestAccountsBody,
  ingestAccountsResponse,
)
const posts = ingestRoute(
  '/ingest/posts',
  'Store posts by id and publish the ingest event of every post not yet applied to Thunder (new posts, and stored ones whose event was lost)',
  ingestPostsBody,
  ingestPostsResponse,
)
const follows = ingestRoute(
  '/ingest/follows',
  'Add [follower, followee] pairs',
  ingestFollowsBody,
  ingestFollowsResponse,
)
const engagements = ingestRoute(
  '/ingest/engagements',
  "Append engagements to users' histories (post counts come from the posts' own counts)",
  ingestEngagementsBody,
  ingestEngagementsResponse,
)

export const ingestRoutes = newApi()
  .openapi(accounts, async (c) => c.json(await ingestAccounts(c.env, c.req.valid('json').accounts), 200))
  .openapi(posts, async (c) => {
    const { items, published } = await createPosts(c.env, c.req.valid('json').posts, { strictRefs: false })
    const created = items.filter((i) => i.outcome?.status === 'created').length
    return c.json({ created, existing: items.length - created, published }, 200)
  })
  .openapi(follows, async (c) => c.json(await ingestFollows(c.env, c.req.valid('json').follows), 200))
  .openapi(engagements, async (c) =>
    c.json(await ingestEngagements(c.env, c.req.valid('json').engagements), 200),
  )
