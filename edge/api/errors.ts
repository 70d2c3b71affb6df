import type { Context, MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ClientErrorStatusCode, ContentfulStatusCode } from 'hono/utils/http-status'
import { DomainError, type DomainErrorKind } from '../domain-error'
import type { AppEnv } from '../env'

export interface ErrorDetail {
  code: string
  message: string
  field?: string
}

/** Wire shape of every error response; validation failures list every issue in `errors`, `error` is the first. */
export interface ErrorBody {
  error: ErrorDetail & { requestId?: string }
  errors?: ErrorDetail[]
}

export interface ApiErrorOptions {
  /** Response headers (Retry-After, Allow). */
  headers?: Record<string, string>
  /** Every issue found, for validation failures. */
  errors?: ErrorDetail[]
}

/** An expected failure with a stable machine-readable code (and the offending field, if any). */
export class ApiError extends Error {
  constructor(
    readonly status: ClientErrorStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly options: ApiErrorOptions = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

const CODE_BY_STATUS: Partial<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
}

/** The one place a domain failure gets its HTTP status. */
export const STATUS_BY_DOMAIN_KIND: Record<DomainErrorKind, ClientErrorStatusCode> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  limit_reached: 409,
}

function errorBody(code: string, message: string, field?: string): ErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } }
}

/** The app's single onError: known errors keep their status, anything else is an opaque 500. */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof ApiError) {
    for (const [name, value] of Object.entries(err.options.headers ?? {})) c.header(name, value)
    const body = errorBody(err.code, err.message, err.field)
    if (err.options.errors !== undefined) body.errors = err.options.errors
    return c.json(body, err.status)
  }
  if (err instanceof DomainError) {
    return c.json(errorBody(err.code, err.message, err.field), STATUS_BY_DOMAIN_KIND[err.kind])
  }
  if (err instanceof HTTPException && err.status < 500) {
    return c.json(errorBody(CODE_BY_STATUS[err.status] ?? 'bad_request', err.message), err.status)
  }
  const requestId = c.get('requestId')
  // Stacks go to the log, never to the client.
  console.error(`[${requestId}] unhandled error on ${c.req.method} ${c.req.path}:`, err)
  const status: ContentfulStatusCode = err instanceof HTTPException ? err.status : 500
  return c.json({ error: { code: 'internal', message: 'internal error', requestId } }, status)
}

export function notFound(c: Context<AppEnv>): Response {
  return c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404)
}

type ZodLikeIssue = { path: readonly PropertyKey[]; message: string; keys?: readonly string[] }
type ZodLikeResult = { success: true } | { success: false; error: { issues: readonly ZodLikeIssue[] } }

/** The dotted path of an issue; an unknown key names the key itself (e.g. "media.0.extra"). */
function fieldOf(issue: ZodLikeIssue): string | undefined {
  const path = [...issue.path.map(String), ...(issue.keys?.slice(0, 1) ?? [])]
  return path.length > 0 ? path.join('.') : undefined
}

function detailOf(issue: ZodLikeIssue): ErrorDetail {
  const field = fieldOf(issue)
  return field === undefined
    ? { code: 'invalid_request', message: issue.message }
    : { code: 'invalid_request', message: issue.message, field }
}

/** zValidator hook: a 400 naming the first failing field (e.g. "note"), with every issue in `errors`. */
export function validationHook(result: ZodLikeResult): void {
  if (result.success) return
  const errors = result.error.issues.map(detailOf)
  const first = errors[0] ?? { code: 'invalid_request', message: 'invalid request' }
  throw new ApiError(400, 'invalid_request', first.message, first.field, { errors })
}

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i

/**
 * Parses the body up front so malformed JSON is a 400 `invalid_json` rather than whatever the
 * validator does; Hono caches the text, so zValidator re-reads it for free.
 */
export const requireJsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? ''
  const hasBody = c.req.raw.body !== null
  if (!JSON_MEDIA_TYPE.test(mediaType)) {
    // An empty body needs no content type; a non-JSON one would otherwise be silently ignored. Its bytes
    // are counted, not decoded: text() on e.g. multipart makes workerd log a warning per request.
    if (hasBody && (await c.req.arrayBuffer()).byteLength > 0) {
      throw new ApiError(415, 'unsupported_media_type', 'request body must be application/json')
    }
    return next()
  }
  try {
    await c.req.json()
  } catch {
    throw new ApiError(400, 'invalid_json', 'request body is not valid JSON')
  }
  return next()
}
