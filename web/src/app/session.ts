// Who is signed in (dev login), the typed edge client that signs its calls, and the edge's latency as the
// page measured it. Kept in sessionStorage so a reload stays signed in; signals so every view follows.
import { signal } from '@preact/signals'
import { EdgeApiError, edgeClient, ok } from '../api/edge-client'

export interface Session {
  handle: string
  userId: string
  token: string
  expiresAt: number
}

const STORAGE_KEY = 'fye.session'

function restore(): Session | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null
    return s !== null && s.expiresAt > Date.now() ? s : null
  } catch {
    return null
  }
}

export const session = signal<Session | null>(restore())
/** The last edge round trip: which route, how long (ms). */
export const edgeLatency = signal<{ path: string; ms: number } | null>(null)

/** Every client the page makes reports its round trips here. */
export function recordTiming(path: string, ms: number): void {
  edgeLatency.value = { path, ms }
}

export const api = edgeClient('', { token: () => session.value?.token, onTiming: recordTiming })

/** The signed-in user, or a 401-like error for views that need one. */
export function me(): Session {
  const s = session.value
  if (s === null) throw new EdgeApiError(401, 'not_signed_in', 'sign in first', 'handle')
  return s
}

const cleanHandle = (input: string) => input.trim().replace(/^@/, '')

function start(handle: string, token: { userId: string; token: string; expiresAt: number }): Session {
  const s: Session = { handle, userId: token.userId, token: token.token, expiresAt: token.expiresAt }
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(s))
  rememberHandle(handle)
  session.value = s
  return s
}

export async function signIn(handleInput: string): Promise<Session> {
  const handle = cleanHandle(handleInput)
  if (handle === '') throw new EdgeApiError(400, 'invalid_request', 'enter a handle', 'handle')
  return start(handle, await ok(api.v1.auth['dev-login'].$post({ json: { handle } })))
}

/** Dev-only sign-up: the edge checks the names (reserved, look-alikes, taken) and signs the new user in. */
export async function signUp(handleInput: string, displayName: string): Promise<Session> {
  const handle = cleanHandle(handleInput)
  const created = await ok(api.v1.auth['dev-signup'].$post({ json: { handle, displayName } }))
  return start(created.user.handle, created)
}

export function signOut(): void {
  sessionStorage.removeItem(STORAGE_KEY)
  session.value = null
}

const RECENT_KEY = 'fye.recentHandles'
/** Handles signed in with before on this browser: the sign-in form offers them. */
export function recentHandles(): string[] {
  try {
    return (JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as string[]).slice(0, 8)
  } catch {
    return []
  }
}
function rememberHandle(handle: string): void {
  const next = [handle, ...recentHandles().filter((h) => h !== handle)].slice(0, 8)
  localStorage.setItem(RECENT_KEY, JSON.stringify(next))
}

export function describeError(e: unknown): string {
  if (e instanceof EdgeApiError) return `${e.message} (${e.code}${e.field ? `, field ${e.field}` : ''})`
  return e instanceof Error ? e.message : String(e)
}
