// The page's one module that talks to the feed routes (and the dev login that gets it a token). Thin on
// purpose: every body is checked against the shared zod wire schemas, so a changed route fails here, loudly.
// Issue 13 replaces these hand-written calls with a typed client; nothing else in web/ calls fetch for them.
import type { z } from 'zod'
import { tokenResponse } from '../../../shared/types/api/admin.ts'
import {
  type feedCandidatesBody,
  feedCandidatesResponse,
  type feedServedBody,
  feedServedResponse,
} from '../../../shared/types/api/feed.ts'

export type FeedCandidatesRequest = z.input<typeof feedCandidatesBody>
export type FeedCandidatesResult = z.infer<typeof feedCandidatesResponse>
export type FeedServedRequest = z.input<typeof feedServedBody>
export type FeedServedResult = z.infer<typeof feedServedResponse>
export type SignedIn = z.infer<typeof tokenResponse>

/** A non-2xx answer: the edge's `{error: {code, message, field?}}` body, or what we could make of it. */
export class FeedApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'FeedApiError'
  }
}

export interface FeedApi {
  /** Dev-only login (ENVIRONMENT dev/local): a user token for a handle. */
  devLogin(handle: string): Promise<SignedIn>
  candidates(token: string, body: FeedCandidatesRequest): Promise<FeedCandidatesResult>
  served(token: string, body: FeedServedRequest): Promise<FeedServedResult>
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>

async function errorOf(res: Response, path: string): Promise<FeedApiError> {
  const text = await res.text()
  try {
    const e = (JSON.parse(text) as { error?: { code?: string; message?: string; field?: string } }).error
    if (e?.code !== undefined)
      return new FeedApiError(res.status, e.code, `${path}: ${e.message ?? e.code}`, e.field)
  } catch {
    // not JSON (e.g. the dev proxy's 502 when the edge is down)
  }
  return new FeedApiError(res.status, 'http_error', `${path}: HTTP ${res.status} ${text.slice(0, 120)}`)
}

/** `base` is '' in the page (Vite proxies /v1 to the edge); Node callers pass the edge's URL. */
export function feedApi(base = '', fetchImpl: Fetch = (i, init) => fetch(i, init)): FeedApi {
  async function post<T>(path: string, token: string | null, body: unknown, schema: z.ZodType<T>) {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
    if (token !== null) headers.authorization = `Bearer ${token}`
    const res = await fetchImpl(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
    if (!res.ok) throw await errorOf(res, path)
    return schema.parse(await res.json())
  }
  return {
    devLogin: (handle) => post('/v1/auth/dev-login', null, { handle }, tokenResponse),
    candidates: (token, body) => post('/v1/feed/candidates', token, body, feedCandidatesResponse),
    served: (token, body) => post('/v1/feed/served', token, body, feedServedResponse),
  }
}
