import { z } from 'zod'
import { LOGGABLE_ACTIONS } from '../../../shared/phoenix/actions.ts'
import { okSchema } from '../../../shared/types/api/common.ts'
import { inNetworkQuery, inNetworkResponse } from '../../../shared/types/api/thunder.ts'
import {
  engagementHistorySchema,
  engagementsBody,
  favoriteChangeSchema,
  favoriteParams,
  historyQuery,
  impressionsBody,
  userIdParams,
} from '../../../shared/types/api/users.ts'
import { userNotFound } from '../../domain-error'
import { lookupPosts } from '../../posts/post-client'
import { fetchInNetwork } from '../../thunder/thunder-client'
import { actionTableMarkdown } from '../../users/engagement-rules'
import { userState } from '../../users/user-state'
import { endEngagementState, writeEngagements } from '../../users/write-engagements'
import { requireVisibleEngaged, visibleInNetwork } from '../../visibility/visibility-guards'
import { ApiError } from '../errors'
import { defineRoute, jsonBody, jsonContent, newApi } from '../openapi/define-route'
import { toPage } from '../pagination'
import { toInNetworkPost } from './in-network-post'

const postEngagements = defineRoute({
  method: 'post',
  path: '/{id}/engagements',
  summary: 'Record a batch of engagements (idempotent; state actions once per post)',
  description:
    'One write path with POST /v1/admin/ingest/engagements. Each engagement is new once per idempotency key' +
    ' (`postId:action:at`, kept 30 days apart from the 512-event history); state actions count once per user' +
    " and post. 400 naming the field: `at` before the post's createdAt, more than 5 minutes ahead of the" +
    ' server or more than 30 days old; `dwellMs` on another action than dwell; an action refused on your own' +
    ' post. Undo a favorite with DELETE /v1/users/{id}/favorites/{postId}.\n\n' +
    actionTableMarkdown(LOGGABLE_ACTIONS),
  callers: ['admin', 'self'],
  request: { params: userIdParams, body: jsonBody(engagementsBody) },
  responses: {
    200: jsonContent(z.object({ added: z.number().int(), duplicates: z.number().int() }), 'What was new'),
  },
})

const deleteFavorite = defineRoute({
  method: 'delete',
  path: '/{id}/favorites/{postId}',
  summary: 'Undo a favorite: counts.favorite moves back once and the favorite leaves the history',
  callers: ['admin', 'self'],
  request: { params: favoriteParams },
  responses: { 200: jsonContent(favoriteChangeSchema, '`changed` is false when there was no favorite') },
})

const getEngagements = defineRoute({
  method: 'get',
  path: '/{id}/engagements',
  summary: "The viewer's engagement history, newest first (bounded to the newest 512), a page at a time",
  description: 'Ordered by `at`, newest first, then by arrival; `nextCursor` continues the list.',
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
  description:
    'Only posts the viewer may see in a timeline (edge/README.md, "Visibility"): no muted or blocked authors,' +
    ' subscriber-only posts only for a paid tier, a repost only when its original is visible too.',
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
    await requireVisibleEngaged(
      c.env,
      id,
      items.map((e) => e.postId),
      known,
    )
    const writes = items.map((e, i) => ({ ...e, userId: id, field: `engagements.${i}` }))
    return c.json(await writeEngagements(c.env, writes, { strictRefs: true, known, now }), 200)
  })
  .openapi(deleteFavorite, async (c) => {
    const { id, postId } = c.req.valid('param')
    const changed = await endEngagementState(c.env, id, 'favorite', postId)
    return c.json({ postId, active: false as const, changed }, 200)
  })
  .openapi(getEngagements, async (c) => {
    const { id } = c.req.valid('param')
    const { limit, cursor } = c.req.valid('query')
    const rows = await userState(c.env, id).engagementPage(limit + 1, cursor)
    if (rows === null) throw userNotFound(id)
    const page = toPage(rows, limit, 'engagements', (r) => [r.at, r.seq])
    const engagements = page.rows.map(({ seq: _seq, ...engagement }) => engagement)
    return c.json({ engagements, nextCursor: page.nextCursor }, 200)
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
        posts: (await visibleInNetwork(c.env, id, result.posts)).map(toInNetworkPost),
        following: context.followedIds.length,
        excluded: context.excludeIds.length,
        shardsQueried: result.shardsQueried,
        failedShards: result.failedShards,
        fanOutMs: performance.now() - started,
      },
      200,
    )
  })
