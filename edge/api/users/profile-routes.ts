import {
  createUserBody,
  handleParams,
  type PatchUserBody,
  patchUserBody,
  SELF_WRITABLE_PROFILE_FIELDS,
  userIdParams,
  userViewSchema,
} from '../../../shared/types/api/users.ts'
import { snowflakeAt } from '../../ids/snowflake'
import { registryOf } from '../../users/handle-registry'
import { createUser, patchUser, requireProfile } from '../../users/user-service'
import { principalOf } from '../authorize'
import { ApiError } from '../errors'
import { defineRoute, jsonBody, jsonContent, newApi } from '../openapi/define-route'

const create = defineRoute({
  method: 'post',
  path: '/',
  summary: 'Create a user (the server assigns the id when none is given)',
  callers: ['admin'],
  request: { body: jsonBody(createUserBody) },
  responses: { 201: jsonContent(userViewSchema, 'The new profile') },
})

const get = defineRoute({
  method: 'get',
  path: '/{id}',
  summary: "A user's public profile",
  callers: ['admin', 'user'],
  request: { params: userIdParams },
  responses: { 200: jsonContent(userViewSchema, 'The profile') },
})

const byHandle = defineRoute({
  method: 'get',
  path: '/by-handle/{handle}',
  summary: 'Look a user up by handle (case-insensitive)',
  callers: ['admin', 'user'],
  request: { params: handleParams },
  responses: { 200: jsonContent(userViewSchema, 'The profile') },
})

/** 403 naming the first field of the patch that only the operator may set. */
function refuseOperatorFields(patch: PatchUserBody): void {
  const selfWritable: readonly string[] = SELF_WRITABLE_PROFILE_FIELDS
  const field = Object.keys(patch).find((key) => !selfWritable.includes(key))
  if (field !== undefined)
    throw new ApiError(403, 'admin_only', `${field} is set by the operator (admin token) only`, field)
}

const patch = defineRoute({
  method: 'patch',
  path: '/{id}',
  summary: 'Update profile fields',
  description: `A user may change ${SELF_WRITABLE_PROFILE_FIELDS.join(', ')}; the other fields are admin-only (403 \`admin_only\`).`,
  callers: ['admin', 'self'],
  request: { params: userIdParams, body: jsonBody(patchUserBody) },
  responses: { 200: jsonContent(userViewSchema, 'The updated profile') },
})

export const profileRoutes = newApi()
  .openapi(create, async (c) => {
    const b = c.req.valid('json')
    const now = Date.now()
    const profile = await createUser(c.env, {
      id: b.id ?? snowflakeAt(now),
      handle: b.handle,
      displayName: b.displayName,
      protected: b.protected,
      subscriptionTier: b.subscriptionTier,
      createdAt: b.createdAt ?? now,
      nsfw: b.nsfw,
    })
    return c.json(profile, 201, { location: `/v1/users/${profile.id}` })
  })
  .openapi(get, async (c) => c.json(await requireProfile(c.env, c.req.valid('param').id), 200))
  .openapi(byHandle, async (c) => {
    const { handle } = c.req.valid('param')
    const id = await registryOf(c.env, handle).lookup(handle)
    if (id === null) throw new ApiError(404, 'user_not_found', `no user with handle ${handle}`, 'handle')
    return c.json(await requireProfile(c.env, id, 'handle'), 200)
  })
  .openapi(patch, async (c) => {
    const body = c.req.valid('json')
    if (principalOf(c).kind !== 'admin') refuseOperatorFields(body)
    return c.json(await patchUser(c.env, c.req.valid('param').id, body), 200)
  })
