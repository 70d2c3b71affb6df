// The typed client for the edge API: Hono's `hc` over the API's route types (generated from the edge's
// route definitions by `npm run types:client`), so every path, parameter, body and response is checked by
// TypeScript against what the Worker serves. The page, the e2e specs and apps embedding the feed use it.
import { type ClientResponse, hc } from 'hono/client'
import type { EdgeRoutes } from './edge-routes.generated'

/** A non-2xx answer: the edge's `{error: {code, message, field?}}` body, or what could be made of it. */
export class EdgeApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'EdgeApiError'
  }
}

export interface EdgeClientOptions {
  /** The bearer token (a user token from the dev login or /v1/admin/tokens, or the admin token). */
  token?: () => string | undefined
  fetch?: typeof fetch
  /** Told the round-trip time of every request (the page's edge latency readout). */
  onTiming?: (path: string, ms: number) => void
}

/** `base` is '' in the page (Vite proxies /v1 to the edge in dev and preview); other callers pass a URL. */
export function edgeClient(base = '', options: EdgeClientOptions = {}) {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init))
  const timedFetch: typeof fetch = async (input, init) => {
    const t0 = performance.now()
    try {
      return await doFetch(input, init)
    } finally {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
      options.onTiming?.(new URL(url, 'http://x').pathname, performance.now() - t0)
    }
  }
  return hc<EdgeRoutes>(base || '/', {
    fetch: timedFetch,
    headers: (): Record<string, string> => {
      const token = options.token?.()
      return token === undefined ? {} : { authorization: `Bearer ${token}` }
    },
  })
}
export type EdgeClient = ReturnType<typeof edgeClient>

// biome-ignore lint/suspicious/noExplicitAny: any route's response
type AnyResponse = ClientResponse<any, number, string>
/** The 2xx JSON body of a typed response. */
type OkBody<R> =
  R extends ClientResponse<infer T, infer S, 'json'> ? (S extends 200 | 201 ? T : never) : never

/** Awaits a typed call: its 2xx body, or an EdgeApiError naming the edge's code and field. */
export async function ok<R extends AnyResponse>(call: Promise<R>): Promise<OkBody<R>> {
  const res = await call
  if (res.ok) return (await res.json()) as OkBody<R>
  const text = await res.text()
  const path = new URL(res.url || 'http://x/', 'http://x').pathname
  try {
    const e = (JSON.parse(text) as { error?: { code?: string; message?: string; field?: string } }).error
    if (e?.code !== undefined)
      throw new EdgeApiError(res.status, e.code, `${path}: ${e.message ?? e.code}`, e.field)
  } catch (err) {
    if (err instanceof EdgeApiError) throw err
    // not JSON (e.g. the dev proxy's 502 when the edge is down)
  }
  throw new EdgeApiError(res.status, 'http_error', `${path}: HTTP ${res.status} ${text.slice(0, 120)}`)
}
