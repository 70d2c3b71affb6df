import { z } from 'zod'
import { okSchema } from '../../../shared/types/api/common.ts'
import { inNetworkQuery, inNetworkResponse } from '../../../shared/types/api/thunder.ts'
import {
  engagementHistorySchema,
  engagementsBody,
  historyQuery,
  impressionsBody,
  userIdParams,
} from '../../../shared/types/api/users.ts'
import { userNotFound } from '../../domain-error'
import { lookupPosts } from '../../posts/post-client'
import { fetchInNetwork } from '../../thunder/thunder-client'
import { recordEngagements } from '../../users/user-service'
import { userState } from '../../users/user-state'
import { ApiError } from '../errors'
import { defineRoute, jsonBody, jsonContent, newApi } from '../openapi/define-route'
import { toInNetworkPost } from './in-network-post'

const postEngagements = defineRoute({
  method: 'post',
  path: '/{id}/engagements',
  summary: 'Record a batch of engagements (idempotent per post, action and time)',
  callers: ['admin', 'self'],
  request: { params: userIdParams, body: jsonBody(engagementsBody) },
  responses: {
    200: jsonContent(z.object({ added: z.number().int(), duplicates: z.number().int() }), 'What was new'),
  },
})

const getEngagements = defineRoute({
  method: 'get',
  path: '/{id}/engagements',
  summary: "The viewer's engagement history, newest first (bounded to the newest 512)",
  callers: ['admin', 'self'],
  request: { params: userIdParams, query: historyQuery },
  responses: { 200: jsonContent(engagementHistorySchema, 'Engagements') },
})

const postImpressions = defineRoute({
  method: 'post',
  path: '/{id}/impressions',
  summary: 'Record served and seen post ids (excluded from in-network fetches for 48 h)',
  callers: ['admin', 'self'],
  request: { params: userIdParams, body: jsonBody(impressionsBody) },
  responses: { 200: jsonContent(okSchema, 'Recorded') },
})

const getInNetwork = defineRoute({
  method: 'get',
  path: '/{id}/in-network',
  summary: "Thunder fan-out: recent posts by the viewer's follows, newest first, capped at 1,200",
  callers: ['admin', 'self'],
  request: { params: userIdParams, query: inNetworkQuery },
  responses: { 200: jsonContent(inNetworkResponse, 'In-network candidates') },
})

export const activityRoutes = newApi()
  .openapi(postEngagements, async (c) => {
    const { id } = c.req.valid('param')
    const now = Date.now()
    const items = c.req.valid('json').engagements.map((e) => ({ ...e, at: e.at ?? now }))
    const known = await lookupPosts(
      c.env,
      items.map((e) => e.postId),
    )
    const missing = items.findIndex((e) => !known.has(e.postId))
    if (missing >= 0) {
      throw new ApiError(404, 'post_not_found', 'post not found', `engagements.${missing}.postId`)
    }
    const entries = items.map((e) => ({ ...e, key: `${e.postId}:${e.action}:${e.at}` }))
    return c.json(await recordEngagements(c.env, id, entries), 200)
  })
  .openapi(getEngagements, async (c) => {
    const { id } = c.req.valid('param')
    const { limit, before } = c.req.valid('query')
    const engagements = await userState(c.env, id).engagementHistory(limit, before)
    if (engagements === null) throw userNotFound(id)
    return c.json({ engagements }, 200)
  })
  .openapi(postImpressions, async (c) => {
    const { id } = c.req.valid('param')
    const { served, seen, at } = c.req.valid('json')
    if (!(await userState(c.env, id).recordImpressions(served, seen, at ?? Date.now())))
      throw userNotFound(id)
    return c.json({ ok: true as const }, 200)
  })
  .openapi(getInNetwork, async (c) => {
    const { id } = c.req.valid('param')
    const { limit, videosOnly } = c.req.valid('query')
    const started = performance.now()
    const context = await userState(c.env, id).inNetworkContext()
    if (context === null) throw userNotFound(id)
    const result = await fetchInNetwork(c.env, {
      viewerId: id,
      ...context,
      limit,
      videosOnly: videosOnly === 'true',
    })
    return c.json(
      {
        posts: result.posts.map(toInNetworkPost),
        following: context.followedIds.length,
        excluded: context.excludeIds.length,
        shardsQueried: result.shardsQueried,
        failedShards: result.failedShards,
        fanOutMs: performance.now() - started,
      },
      200,
    )
  })
