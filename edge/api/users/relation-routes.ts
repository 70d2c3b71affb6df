import { followChangeSchema } from '../../../shared/types/api/follow-requests.ts'
import {
  RELATION_KINDS,
  type RelationKind,
  relationChangeSchema,
  relationListQuery,
  relationListSchema,
  relationParams,
  userIdParams,
} from '../../../shared/types/api/users.ts'
import { userNotFound } from '../../domain-error'
import { setRelation } from '../../users/relation-service'
import { userState } from '../../users/user-state'
import { defineRoute, jsonContent, newApi } from '../openapi/define-route'
import { toPage } from '../pagination'

const VERBS: Record<RelationKind, [string, string]> = {
  following: ['Follow', 'Unfollow'],
  blocks: ['Block', 'Unblock'],
  mutes: ['Mute', 'Unmute'],
}

// What each PUT means beyond the relation itself (edge/README.md, "Visibility, protected accounts, …").
const PUT_NOTES: Record<RelationKind, string> = {
  following:
    '; a protected account gets a follow request instead (`pending: true`) until its owner approves it; refused' +
    ' across a block (403 `blocked_by_target` when the target blocks you, 409 `target_blocked` when you block it)',
  blocks: '; removes follows and follow requests both ways, and hides each side’s posts from the other',
  mutes: '; the muted account leaves your in-network list and feed, its posts stay readable directly',
}

/** GET /{id}/{kind}, PUT and DELETE /{id}/{kind}/{targetId}: the same three routes for each relation. */
function relationRoutes(kind: RelationKind) {
  const [verb, undo] = VERBS[kind]
  const list = defineRoute({
    method: 'get',
    path: `/{id}/${kind}`,
    summary: `The user's ${kind} list, newest first, a page at a time`,
    description: 'Ordered by creation time, newest first, then by id; `nextCursor` continues the list.',
    callers: ['admin', 'self'],
    request: { params: userIdParams, query: relationListQuery(kind) },
    responses: { 200: jsonContent(relationListSchema, `Ids in ${kind}`) },
  })
  const put = defineRoute({
    method: 'put',
    path: `/{id}/${kind}/{targetId}`,
    summary: `${verb} a user (idempotent)${PUT_NOTES[kind]}`,
    callers: ['admin', 'self'],
    request: { params: relationParams },
    responses: {
      200: jsonContent(
        kind === 'following' ? followChangeSchema : relationChangeSchema,
        '`changed` is false when it was already so',
      ),
    },
  })
  const del = defineRoute({
    method: 'delete',
    path: `/{id}/${kind}/{targetId}`,
    summary: `${undo} a user (idempotent)${kind === 'following' ? '; withdraws a pending follow request' : ''}`,
    callers: ['admin', 'self'],
    request: { params: relationParams },
    responses: { 200: jsonContent(relationChangeSchema, '`changed` is false when it was already so') },
  })
  return newApi()
    .openapi(list, async (c) => {
      const { id } = c.req.valid('param')
      const { limit, cursor } = c.req.valid('query')
      const rows = await userState(c.env, id).relationPage(kind, limit + 1, cursor)
      if (rows === null) throw userNotFound(id)
      const page = toPage(rows, limit, kind, (r) => [r.at, r.targetId])
      const ids = page.rows.map((r) => r.targetId)
      return c.json({ ids, since: page.rows.map((r) => r.at), nextCursor: page.nextCursor }, 200)
    })
    .openapi(put, async (c) => {
      const { id, targetId } = c.req.valid('param')
      return c.json(await setRelation(c.env, id, kind, targetId, true), 200)
    })
    .openapi(del, async (c) => {
      const { id, targetId } = c.req.valid('param')
      return c.json(await setRelation(c.env, id, kind, targetId, false), 200)
    })
}

export const allRelationRoutes = RELATION_KINDS.map(relationRoutes)
