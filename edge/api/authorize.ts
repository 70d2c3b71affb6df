import type { Context, MiddlewareHandler } from 'hono'
import { constantTimeEqual, MIN_SECRET_LENGTH, verifyUserToken } from '../auth/tokens'
import type { AppEnv, Env, Principal } from '../env'
import { ApiError } from './errors'

/**
 * Who may call a route. `admin`: the admin token. `self`: a user token whose subject is the route's `{id}`.
 * `user`: any valid user token. Routes that check ownership of a resource (a post's author) do it in the
 * handler on top of `user`.
 */
export type Caller = 'admin' | 'self' | 'user'

// The auth scheme is case-insensitive (RFC 7235 §2.1); the token is not.
const BEARER = /^bearer ([A-Za-z0-9._~+/=-]{1,1024})$/i

/** The token of an `Authorization: Bearer <token>` header, or null when the header is absent or not one. */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null
  return BEARER.exec(header)?.[1] ?? null
}

function configured(secret: string | undefined): secret is string {
  return secret !== undefined && secret.length >= MIN_SECRET_LENGTH
}

/** Resolves a bearer token to a principal, or null when it is neither the admin token nor a valid user token. */
export async function principalFromToken(
  env: Env,
  token: string,
  nowMs = Date.now(),
): Promise<Principal | null> {
  if (configured(env.ADMIN_TOKEN) && (await constantTimeEqual(token, env.ADMIN_TOKEN)))
    return { kind: 'admin' }
  if (!configured(env.TOKEN_SECRET)) return null
  const claims = await verifyUserToken(env.TOKEN_SECRET, token, nowMs)
  return claims === null ? null : { kind: 'user', userId: claims.sub }
}

function allowed(principal: Principal, callers: readonly Caller[], pathId: string | undefined): boolean {
  if (principal.kind === 'admin') return callers.includes('admin')
  if (callers.includes('user')) return true
  return callers.includes('self') && pathId === principal.userId
}

/** Route middleware: 401 without a valid bearer token, 403 when the principal is not among `callers`. */
export function authorize(callers: readonly Caller[]): MiddlewareHandler<AppEnv> {
  return async function authorizeCaller(c, next) {
    const header = c.req.header('authorization')
    if (header === undefined) throw new ApiError(401, 'unauthorized', 'missing bearer token')
    const token = bearerToken(header)
    const principal = token === null ? null : await principalFromToken(c.env, token)
    if (principal === null) throw new ApiError(401, 'invalid_token', 'bearer token is invalid or expired')
    if (!allowed(principal, callers, c.req.param('id'))) {
      throw new ApiError(403, 'forbidden', `this route is for: ${callers.join(', ')}`)
    }
    c.set('principal', principal)
    await next()
  }
}

/** The principal `authorize` stored; a route without `authorize` has none. */
export function principalOf(c: Context<AppEnv>): Principal {
  const principal = c.get('principal')
  if (principal === undefined) throw new Error('route reads the principal but has no authorize middleware')
  return principal
}

/** Admin, or the given user itself (resource ownership checks in handlers). */
export function actsFor(principal: Principal, userId: string): boolean {
  return principal.kind === 'admin' || principal.userId === userId
}
