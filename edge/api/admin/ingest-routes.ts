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
  ingestUsersBody,
  ingestUsersResponse,
} from '../../../shared/types/api/admin.ts'
import { LIMITS } from '../../../shared/types/api/limits.ts'
import { createPosts } from '../../posts/create-posts'
import { ingestAccounts, ingestEngagements, ingestFollows, ingestUsers } from '../../users/bulk-ingest'
import { defineRoute, jsonBody, jsonContent, newApi } from '../openapi/define-route'

// P keeps each path a literal type: the typed client (web/src/api) needs one key per route.
function ingestRoute<P extends string, B extends ZodType, R extends ZodType>(
  path: P,
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
  'Store posts by id and publish the ingest event of every post not yet applied to Thunder (new posts, and stored ones whose event was lost); `counts` are a starting value that later replies, quotes, reposts and engagements move; a second repost of one original by one user is `existing`',
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
  "Record engagements through the user route's write path (same checks, idempotency, state actions," +
    ' counters and relations); an engagement on a post not stored yet counts when the post arrives',
  ingestEngagementsBody,
  ingestEngagementsResponse,
)
const users = ingestRoute(
  '/ingest/users',
  "A group of users' accounts, follows and engagements in one call, with the single-stage routes' rules; " +
    "each user's object is written once (account, then follows, then engagements). Engagements are checked " +
    'before anything is written',
  ingestUsersBody,
  ingestUsersResponse,
)

export const ingestRoutes = newApi()
  .openapi(accounts, async (c) => c.json(await ingestAccounts(c.env, c.req.valid('json').accounts), 200))
  .openapi(posts, async (c) => {
    const { items, published } = await createPosts(c.env, c.req.valid('json').posts, { strictRefs: false })
    // A repost answered by the user's existing repost of the same original was not created.
    const created = items.filter((i) => i.outcome?.status === 'created' && !i.replaced).length
    return c.json({ created, existing: items.length - created, published }, 200)
  })
  .openapi(users, async (c) => c.json(await ingestUsers(c.env, c.req.valid('json')), 200))
  .openapi(follows, async (c) => c.json(await ingestFollows(c.env, c.req.valid('json').follows), 200))
  .openapi(engagements, async (c) =>
    c.json(await ingestEngagements(c.env, c.req.valid('json').engagements), 200),
  )
