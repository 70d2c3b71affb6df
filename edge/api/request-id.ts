import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env'

// Short, log-safe tokens only: anything else could inject into log lines or bloat headers.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/

/** Reuses a caller's `x-request-id` when it is sane, otherwise mints one; always echoes it. */
export const requestId: MiddlewareHandler<AppEnv> = async (c, next) => {
  const incoming = c.req.header('x-request-id')
  const id = incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID()
  c.set('requestId', id)
  c.header('x-request-id', id)
  await next()
}
