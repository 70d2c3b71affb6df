// Every API route is declared through defineRoute: it states who may call it (enforced by `authorize` and
// published in the OpenAPI document as `x-callers` and a security requirement), bounds the body size, and
// documents the error responses.
import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { errorBodySchema } from '../../../shared/types/api/common.ts'
import { LIMITS } from '../../../shared/types/api/limits.ts'
import type { AppEnv } from '../../env'
import { authorize, type Caller } from '../authorize'
import { limitBody } from '../body-limit'
import { ApiError, requireJsonBody, validationHook } from '../errors'

export type Callers = readonly Caller[] | 'public'

type RouteDef = Omit<RouteConfig, 'middleware' | 'security'> & {
  callers: Callers
  /** Body size limit in bytes (default LIMITS.bodyBytes). */
  maxBodyBytes?: number
  /** Middleware that runs before everything else (e.g. an environment gate). */
  before?: readonly MiddlewareHandler<AppEnv>[]
}

const errorContent = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorBodySchema } },
})

export const ERROR_RESPONSES = {
  400: errorContent('Invalid input: `field` names the first offending field'),
  401: errorContent('Missing, malformed, forged or expired bearer token'),
  403: errorContent('The caller may not use this route (see x-callers)'),
  404: errorContent('Route or resource not found'),
  409: errorContent('Conflict with existing state'),
  413: errorContent('Request body too large'),
  415: errorContent('Request body is not application/json'),
} as const

function describeCallers(callers: Callers): string {
  if (callers === 'public') return 'Callers: anyone (no token).'
  const names: Record<Caller, string> = {
    admin: 'admin token',
    self: 'the user named by {id} (user token)',
    user: 'any user token',
  }
  return `Callers: ${callers.map((c) => names[c]).join('; ')}.`
}

/**
 * A route without a query schema takes no query: a key there is refused as a strict query schema refuses
 * an unknown key (400 `invalid_request` naming it), so `?limit=` or `?cursor=` is never silently ignored.
 */
const rejectQuery: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = new URL(c.req.url).searchParams.keys().next().value
  if (key !== undefined) {
    const detail = { code: 'invalid_request', message: `Unrecognized key: "${key}"`, field: key }
    throw new ApiError(400, detail.code, detail.message, key, { errors: [detail] })
  }
  await next()
}

export function defineRoute<const R extends RouteDef>(def: R) {
  const { callers, maxBodyBytes, before, ...route } = def
  const hasBody = route.request?.body !== undefined
  const middleware = [
    ...(before ?? []),
    ...(callers === 'public' ? [] : [authorize(callers)]),
    ...(route.request?.query === undefined ? [rejectQuery] : []),
    ...(hasBody ? [limitBody(maxBodyBytes ?? LIMITS.bodyBytes), requireJsonBody] : []),
  ]
  const security: { bearer: string[] }[] = callers === 'public' ? [] : [{ bearer: [] }]
  const xCallers: string[] = callers === 'public' ? ['public'] : [...callers]
  return createRoute({
    ...route,
    description: [route.description, describeCallers(callers)].filter(Boolean).join('\n\n'),
    middleware,
    security,
    'x-callers': xCallers,
    responses: { ...ERROR_RESPONSES, ...route.responses },
  })
}

/** A sub-app whose validation failures become 400 `invalid_request` errors naming the field. */
export function newApi(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
}

export const jsonContent = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

/** A required JSON request body (`request.body`). */
export const jsonBody = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true })
