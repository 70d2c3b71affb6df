// 405 and OPTIONS for paths that exist: the methods a path allows come from the app's own route table.
import type { Context, Hono } from 'hono'
import type { AppEnv } from '../env'
import { ApiError, handleError } from './errors'

type RouteTable = { pattern: RegExp; method: string }[]

function patternOf(path: string): RegExp {
  const source = path
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/')
  return new RegExp(`^${source}/?$`)
}

/** The concrete (method, path) routes of an app; middleware (`ALL`, `*`) is not a route. */
export function routeTable(app: Hono<AppEnv>): RouteTable {
  return app.routes
    .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
    .map((r) => ({ pattern: patternOf(r.path), method: r.method.toUpperCase() }))
}

/** The Allow header's methods for a path, or null when no route has that path. */
export function allowedMethods(table: RouteTable, path: string): string[] | null {
  const methods = new Set(table.filter((r) => r.pattern.test(path)).map((r) => r.method))
  if (methods.size === 0) return null
  // HEAD is answered wherever GET is; OPTIONS everywhere a route exists.
  if (methods.has('GET')) methods.add('HEAD')
  methods.add('OPTIONS')
  return [...methods].sort()
}

/** notFound handler: 204 for OPTIONS and 405 for another method on a known path, 404 otherwise. */
export function methodAwareNotFound(table: () => RouteTable, notFound: (c: Context<AppEnv>) => Response) {
  return (c: Context<AppEnv>): Response => {
    const allow = allowedMethods(table(), c.req.path)
    if (allow === null) return notFound(c)
    const header = allow.join(', ')
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { allow: header })
    const message = `${c.req.method} is not allowed here; use ${header}`
    return handleError(
      new ApiError(405, 'method_not_allowed', message, undefined, { headers: { allow: header } }),
      c,
    )
  }
}
