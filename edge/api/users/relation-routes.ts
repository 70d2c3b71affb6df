import {
  RELATION_KINDS,
  type RelationKind,
  relationChangeSchema,
  relationListSchema,
  relationParams,
  userIdParams,
} from '../../../shared/types/api/users.ts'
import { userNotFound } from '../../domain-error'
import { setRelation } from '../../users/user-service'
import { userState } from '../../users/user-state'
import { defineRoute, jsonContent, newApi } from '../openapi/define-route'

const VERBS: Record<RelationKind, [string, string]> = {
  following: ['Follow', 'Unfollow'],
  blocks: ['Block', 'Unblock'],
  mutes: ['Mute', 'Unmute'],
}

/** GET /{id}/{kind}, PUT and DELETE /{id}/{kind}/{targetId}: the same three routes for each relation. */
function relationRoutes(kind: RelationKind) {
  const [verb, undo] = VERBS[kind]
  const list = defineRoute({
    method: 'get',
    path: `/{id}/${kind}`,
    summary: `The user's ${kind} list, newest first`,
    callers: ['admin', 'self'],
    request: { params: userIdParams },
    responses: { 200: jsonContent(relationListSchema, `Ids in ${kind}`) },
  })
  const put = defineRoute({
    method: 'put',
    path: `/{id}/${kind}/{targetId}`,
    summary: `${verb} a user (idempotent)${kind === 'blocks' ? '; blocking also unfollows' : ''}`,
    callers: ['admin', 'self'],
    request: { params: relationParams },
    responses: { 200: jsonContent(relationChangeSchema, '`changed` is false when it was already so') },
  })
  const del = defineRoute({
    method: 'delete',
    path: `/{id}/${kind}/{targetId}`,
    summary: `${undo} a user (idempotent)`,
    callers: ['admin', 'self'],
    request: { params: relationParams },
    responses: { 200: jsonContent(relationChangeSchema, '`changed` is false when it was already so') },
  })
  return newApi()
    .openapi(list, async (c) => {
      const { id } = c.req.valid('param')
      const relations = await userState(c.env, id).listRelations(kind)
      if (relations === null) throw userNotFound(id)
      return c.json(relations, 200)
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
