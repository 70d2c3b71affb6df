import type { MiddlewareHandler } from 'hono'
import { z } from 'zod'
import { claimableDisplayNameSchema, claimableHandleSchema } from '../../shared/types/account.ts'
import { devLoginBody, issueTokenBody, tokenResponse } from '../../shared/types/api/admin.ts'
import { LIMITS } from '../../shared/types/api/limits.ts'
import { userViewSchema } from '../../shared/types/api/users.ts'
import { MIN_SECRET_LENGTH, signUserToken } from '../auth/tokens'
import { isDevEnvironment } from '../config'
import type { AppEnv, Env } from '../env'
import { snowflakeAt } from '../ids/snowflake'
import { registryOf } from '../users/handle-registry'
import { createUser } from '../users/user-service'
import { userState } from '../users/user-state'
import { ApiError } from './errors'
import { defineRoute, jsonBody, jsonContent, newApi } from './openapi/define-route'

/** Signs a token for an existing user. */
export async function issueToken(env: Env, userId: string, ttlSeconds: number) {
  const secret = env.TOKEN_SECRET
  if (secret === undefined || secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`TOKEN_SECRET is not configured (needs ${MIN_SECRET_LENGTH}+ characters)`)
  }
  if ((await userState(env, userId).getProfile()) === null) {
    throw new ApiError(404, 'user_not_found', `user ${userId} not found`, 'userId')
  }
  const exp = Math.floor(Date.now() / 1000) + ttlSeconds
  return { userId, token: await signUserToken(secret, { sub: userId, exp }), expiresAt: exp * 1000 }
}

/** The dev login exists only in dev/local: elsewhere it answers exactly like an unknown route. */
const devOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!isDevEnvironment(c.env)) {
    throw new ApiError(404, 'not_found', `no route for ${c.req.method} ${c.req.path}`)
  }
  await next()
}

const devLogin = defineRoute({
  method: 'post',
  path: '/auth/dev-login',
  summary: 'Dev-only login: a user token for a handle or user id (ENVIRONMENT dev or local only)',
  callers: 'public',
  before: [devOnly],
  request: { body: jsonBody(devLoginBody) },
  responses: { 200: jsonContent(tokenResponse, 'A signed user token') },
})

/** A person's own sign-up: only the names (the claimable rules of POST /v1/users); the rest is defaulted. */
const devSignupBody = z.strictObject({
  handle: claimableHandleSchema,
  displayName: claimableDisplayNameSchema,
})

const devSignup = defineRoute({
  method: 'post',
  path: '/auth/dev-signup',
  summary:
    'Dev-only sign-up: create an account with a handle and display name and sign it in (dev or local only)',
  callers: 'public',
  before: [devOnly],
  request: { body: jsonBody(devSignupBody) },
  responses: {
    201: jsonContent(tokenResponse.extend({ user: userViewSchema }), 'The new profile and a signed token'),
  },
})

const adminToken = defineRoute({
  method: 'post',
  path: '/admin/tokens',
  summary: 'Issue a signed user token',
  callers: ['admin'],
  request: { body: jsonBody(issueTokenBody) },
  responses: { 200: jsonContent(tokenResponse, 'A signed user token') },
})

export const authRoutes = newApi()
  .openapi(devLogin, async (c) => {
    const body = c.req.valid('json')
    const userId = 'userId' in body ? body.userId : await registryOf(c.env, body.handle).lookup(body.handle)
    if (userId === null) throw new ApiError(404, 'user_not_found', 'no user with that handle', 'handle')
    return c.json(await issueToken(c.env, userId, LIMITS.tokenTtlDefaultS), 200)
  })
  .openapi(devSignup, async (c) => {
    const { handle, displayName } = c.req.valid('json')
    const now = Date.now()
    const user = await createUser(c.env, {
      id: snowflakeAt(now),
      handle,
      displayName,
      protected: false,
      subscriptionTier: 'none',
      createdAt: now,
      nsfw: false,
    })
    const token = await issueToken(c.env, user.id, LIMITS.tokenTtlDefaultS)
    return c.json({ ...token, user }, 201, { location: `/v1/users/${user.id}` })
  })
  .openapi(adminToken, async (c) => {
    const { userId, ttlSeconds } = c.req.valid('json')
    return c.json(await issueToken(c.env, userId, ttlSeconds), 200)
  })
