// Follow requests to a protected account: its owner lists them and approves or declines each. The requester
// asks with PUT /{id}/following/{targetId} (answered `pending: true`) and withdraws with DELETE.
import {
  followRequestAnswerSchema,
  followRequestParams,
  followRequestsQuery,
  followRequestsSchema,
} from '../../../shared/types/api/follow-requests.ts'
import { userIdParams } from '../../../shared/types/api/users.ts'
import { userNotFound } from '../../domain-error'
import { answerFollowRequest } from '../../users/relation-service'
import { userState } from '../../users/user-state'
import { defineRoute, jsonContent, newApi } from '../openapi/define-route'
import { toPage } from '../pagination'

const list = defineRoute({
  method: 'get',
  path: '/{id}/follow-requests',
  summary: 'Pending requests to follow this (protected) user, newest first, a page at a time',
  description: 'Ordered by request time, newest first, then by id; `nextCursor` continues the list.',
  callers: ['admin', 'self'],
  request: { params: userIdParams, query: followRequestsQuery },
  responses: { 200: jsonContent(followRequestsSchema, 'Requester ids') },
})

function answerRoute(verb: 'approve' | 'decline') {
  return defineRoute({
    method: 'post',
    path: `/{id}/follow-requests/{requesterId}/${verb}`,
    summary:
      verb === 'approve'
        ? 'Approve a pending follow request: the requester follows this user'
        : 'Decline a pending follow request: it is removed and the requester does not follow',
    description:
      'A request that is not pending (never made, withdrawn, answered) is a 404 naming `requesterId`.',
    callers: ['admin', 'self'],
    request: { params: followRequestParams },
    responses: { 200: jsonContent(followRequestAnswerSchema, 'The answer') },
  })
}

export const followRequestRoutes = newApi()
  .openapi(list, async (c) => {
    const { id } = c.req.valid('param')
    const { limit, cursor } = c.req.valid('query')
    const rows = await userState(c.env, id).followRequestPage(limit + 1, cursor)
    if (rows === null) throw userNotFound(id)
    const page = toPage(rows, limit, 'follow-requests', (r) => [r.at, r.requesterId])
    const ids = page.rows.map((r) => r.requesterId)
    return c.json({ ids, since: page.rows.map((r) => r.at), nextCursor: page.nextCursor }, 200)
  })
  .openapi(answerRoute('approve'), async (c) => {
    const { id, requesterId } = c.req.valid('param')
    return c.json(await answerFollowRequest(c.env, id, requesterId, true), 200)
  })
  .openapi(answerRoute('decline'), async (c) => {
    const { id, requesterId } = c.req.valid('param')
    return c.json(await answerFollowRequest(c.env, id, requesterId, false), 200)
  })
