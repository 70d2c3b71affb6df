// Helpers for API tests: JSON calls through the real Worker (SELF), test users with tokens.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { tokenResponse } from '../../shared/types/api/admin.ts'
import { type ErrorBodyJson, errorBodySchema } from '../../shared/types/api/common.ts'
import { type PostView, postViewSchema } from '../../shared/types/api/posts.ts'
import worker from '../index'

export const BASE = 'https://edge.test'
export const ADMIN = env.ADMIN_TOKEN ?? ''

export interface Reply {
  status: number
  body: unknown
  text: string
  headers: Headers
}

export interface CallOptions {
  token?: string | undefined
  body?: unknown
  /** Sent as is (no JSON encoding). */
  raw?: BodyInit
  headers?: Record<string, string>
  /** Variables that replace wrangler.toml's for this call (e.g. `ENVIRONMENT: 'production'`). */
  vars?: Record<string, string>
}

/**
 * Calls the Worker's real fetch handler in this isolate. (SELF.fetch goes through the pool's loopback,
 * which in pool-workers 0.15.1 gets slower with every request made in a file: ~0.1 ms at first, ~200 ms
 * after 1,000; measured in this repo. Direct calls stay flat.)
 */
export async function fetchWorker(request: Request, vars: Record<string, string> = {}): Promise<Response> {
  const ctx = createExecutionContext()
  const res = await worker.fetch(request, { ...env, ...vars }, ctx)
  await waitOnExecutionContext(ctx)
  return res
}

export async function call(method: string, path: string, opts: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`
  let body: BodyInit | undefined = opts.raw
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body)
    headers['content-type'] ??= 'application/json'
  }
  const res = await fetchWorker(new Request(`${BASE}${path}`, { method, headers, body }), opts.vars)
  const text = await res.text()
  let parsed: unknown = null
  try {
    parsed = text.length > 0 ? JSON.parse(text) : null
  } catch {
    parsed = text
  }
  return { status: res.status, body: parsed, text, headers: res.headers }
}

let counter = 0
/** A unique id per call (distinct across test files running in one isolate by a random base). */
const base = 1_000_000_000 + Math.floor(Math.random() * 1_000_000_000)
export const uniqueId = () => String(base * 1000 + counter++)
export const uniqueHandle = (prefix = 'u') => `${prefix}${Math.random().toString(36).slice(2, 12)}`

export interface TestUser {
  id: string
  handle: string
  token: string
}

export async function newUser(profile: Record<string, unknown> = {}): Promise<TestUser> {
  const id = typeof profile.id === 'string' ? profile.id : uniqueId()
  const handle = uniqueHandle()
  const created = await call('POST', '/v1/users', {
    token: ADMIN,
    body: { id, handle, displayName: `User ${handle}`, ...profile },
  })
  if (created.status !== 201) throw new Error(`newUser: ${created.status} ${created.text}`)
  const issued = await call('POST', '/v1/admin/tokens', { token: ADMIN, body: { userId: id } })
  if (issued.status !== 200) throw new Error(`token: ${issued.status} ${issued.text}`)
  return { id, handle, token: tokenResponse.parse(issued.body).token }
}

export async function newPost(author: TestUser, body: Record<string, unknown> = {}): Promise<PostView> {
  const res = await call('POST', '/v1/posts', { token: author.token, body: { text: 'hello', ...body } })
  if (res.status !== 201) throw new Error(`newPost: ${res.status} ${res.text}`)
  return postViewSchema.parse(res.body)
}

/** The error of an error reply (fails the test if the body is not the error shape). */
export function errorOf(reply: Reply): ErrorBodyJson['error'] {
  return errorBodySchema.parse(reply.body).error
}

/** Status and error code together, for compact assertions. */
export function failure(reply: Reply): { status: number; code: string; field?: string } {
  const { code, field } = errorOf(reply)
  return field === undefined ? { status: reply.status, code } : { status: reply.status, code, field }
}

/** Polls until `check` passes or the deadline (queue deliveries take ~1 s with max_batch_timeout 1). */
export async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms
  let value = await read()
  while (!check(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100))
    value = await read()
  }
  return value
}
