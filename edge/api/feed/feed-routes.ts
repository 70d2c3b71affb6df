// The For You feed: candidates for the browser's ranker, served-id reports, and a ranked feed for clients
// without a browser. Only the viewer (a user token, for its own feed) or the admin may fetch a feed.
import type { Context } from 'hono'
import { z } from 'zod'
import {
  feedCandidateSchema,
  feedCandidatesBody,
  feedCandidatesResponse,
  feedQuery,
  feedServedBody,
  feedServedResponse,
  feedViewerSchema,
} from '../../../shared/types/api/feed.ts'
import { isDevEnvironment } from '../../config'
import type { AppEnv } from '../../env'
import { toFeedCandidate } from '../../feed/feed-candidate'
import { recordServed, runCandidatePipeline } from '../../feed/feed-service'
import { rankedFeedAtEdge } from '../../feed/rank-at-edge'
import { requireProfile } from '../../users/user-service'
import { principalOf } from '../authorize'
import { ApiError } from '../errors'
import { defineRoute, jsonBody, jsonContent, newApi } from '../openapi/define-route'

/** The viewer a request is for: a user token's own id (naming another is 403); the admin must name one. */
async function viewerOf(c: Context<AppEnv>, requested: string | undefined): Promise<string> {
  const principal = principalOf(c)
  let viewerId: string
  if (principal.kind === 'admin') {
    if (requested === undefined)
      throw new ApiError(400, 'invalid_request', 'admin must name a viewer', 'viewerId')
    viewerId = requested
  } else {
    if (requested !== undefined && requested !== principal.userId) {
      throw new ApiError(
        403,
        'not_viewer',
        "only the viewer (or admin) may fetch a viewer's feed",
        'viewerId',
      )
    }
    viewerId = principal.userId
  }
  await requireProfile(c.env, viewerId, 'viewerId')
  return viewerId
}

/** Test and benchmark hooks (`nowMs`, `sourceLimits`): honoured for the admin or in dev environments. */
function testHook<T>(c: Context<AppEnv>, field: string, requested: T | undefined): T | undefined {
  if (requested !== undefined && principalOf(c).kind !== 'admin' && !isDevEnvironment(c.env)) {
    throw new ApiError(400, 'invalid_request', `${field} is a test hook (admin or dev only)`, field)
  }
  return requested
}

const nowOf = (c: Context<AppEnv>, requested: number | undefined): number =>
  testHook(c, 'nowMs', requested) ?? Date.now()

const postCandidates = defineRoute({
  method: 'post',
  path: '/feed/candidates',
  summary: 'Run the candidate pipeline: hydrated, filtered candidates, the viewer features and the trace',
  callers: ['admin', 'user'],
  request: { body: jsonBody(feedCandidatesBody) },
  responses: { 200: jsonContent(feedCandidatesResponse, 'Candidates for the ranker') },
})

const postServed = defineRoute({
  method: 'post',
  path: '/feed/served',
  summary: 'Record the posts a feed served (and the ones seen): not served again for 48 h',
  callers: ['admin', 'user'],
  request: { body: jsonBody(feedServedBody) },
  responses: { 200: jsonContent(feedServedResponse, 'Recorded') },
})

const rankedItemSchema = z.object({
  post: feedCandidateSchema,
  score: z.number().nullable(),
  explanation: z.unknown(),
})

const getFeed = defineRoute({
  method: 'get',
  path: '/feed',
  summary: 'A ranked, explained For You feed computed at the edge (TypeScript reference ranker)',
  callers: ['admin', 'user'],
  request: { query: feedQuery },
  responses: {
    200: jsonContent(
      z.object({
        viewer: feedViewerSchema,
        nowMs: z.number(),
        engine: z.string(),
        paramsVersion: z.string(),
        items: z.array(rankedItemSchema),
        candidateTrace: z.unknown(),
        rankingTrace: z.unknown(),
      }),
      'The ranked feed, each item with its explanation',
    ),
  },
})

export const feedRoutes = newApi()
  .openapi(postCandidates, async (c) => {
    const body = c.req.valid('json')
    const viewerId = await viewerOf(c, body.viewerId)
    const run = await runCandidatePipeline(
      c.env,
      {
        viewerId,
        nowMs: nowOf(c, body.nowMs),
        userEmbedding: body.userEmbedding === undefined ? undefined : Float32Array.from(body.userEmbedding),
        excludeVideos: body.excludeVideos,
        limits: testHook(c, 'sourceLimits', body.sourceLimits),
      },
      { requestId: c.get('requestId') },
    )
    return c.json({ ...run, candidates: run.candidates.map(toFeedCandidate) }, 200)
  })
  .openapi(postServed, async (c) => {
    const body = c.req.valid('json')
    const viewerId = await viewerOf(c, body.viewerId)
    await recordServed(c.env, viewerId, body.servedIds, body.seenIds, body.at ?? Date.now())
    return c.json({ recorded: { served: body.servedIds.length, seen: body.seenIds.length } }, 200)
  })
  .openapi(getFeed, async (c) => {
    const query = c.req.valid('query')
    const viewerId = await viewerOf(c, query.viewerId)
    const feed = await rankedFeedAtEdge(c.env, {
      viewerId,
      nowMs: nowOf(c, query.nowMs),
      excludeVideos: query.excludeVideos === 'true',
    })
    const items = feed.items.map((i) => ({ ...i, score: Number.isFinite(i.score) ? i.score : null }))
    return c.json({ ...feed, items }, 200)
  })
