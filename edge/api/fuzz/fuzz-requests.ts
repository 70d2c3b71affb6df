// Generators of malformed or hostile requests for the fuzz test. Every request is built to fail: either
// its credential is refused for the route, or its input breaks the route's schema (or both).
import fc from 'fast-check'
import { badSegment, invalidJson, poisonString } from './fuzz-values'

export interface FuzzRoute {
  method: string
  path: string
  callers: string[]
  hasBody: boolean
  hasQuery: boolean
  maxBodyBytes: number
}

export interface FuzzPrincipals {
  victimId: string
  victimToken: string
  otherToken: string
  adminToken: string
  /** Valid-format tokens that must be refused: expired, signed with another key, tampered. */
  badTokens: string[]
  postId: string
  victimHandle: string
}

export type Credential = 'none' | 'junk' | 'bad-token' | 'wrong-scheme' | 'other' | 'victim' | 'admin'

export interface FuzzRequest {
  method: string
  url: string
  headers: Record<string, string>
  body?: string
  label: string
}

export type Malformation =
  | { kind: 'param'; segment: string }
  | { kind: 'query'; query: string }
  | { kind: 'body'; body: string; contentType: string }
  | { kind: 'huge' }

function malformations(route: FuzzRoute): fc.Arbitrary<Malformation>[] {
  const out: fc.Arbitrary<Malformation>[] = []
  if (route.path.includes('{')) out.push(badSegment.map((segment) => ({ kind: 'param', segment })))
  if (route.hasQuery) {
    out.push(
      fc
        .constantFrom('zz=1', 'limit=-1', 'limit=abc', 'limit=1e9', 'limit=', 'videosOnly=maybe', 'before=-5')
        .map((query) => ({ kind: 'query', query })),
    )
  }
  if (route.hasBody) {
    out.push(
      invalidJson.map((v) => ({ kind: 'body', body: JSON.stringify(v), contentType: 'application/json' })),
      poisonString.map((s) => ({
        kind: 'body',
        body: JSON.stringify({ text: s, handle: s, ids: [s], keywords: [s], displayName: s }),
        contentType: 'application/json',
      })),
      fc
        .constantFrom('{', '{"a":', '[1,', 'nul', '{"text":"\\uZZZZ"}', '\u0000')
        .map((body) => ({ kind: 'body', body, contentType: 'application/json' })),
      fc
        .constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x')
        .map((contentType) => ({
          kind: 'body',
          body: 'hello',
          contentType,
        })),
      fc.constant({ kind: 'huge' }),
    )
  }
  return out
}

const credentials: Credential[] = ['none', 'junk', 'bad-token', 'wrong-scheme', 'other', 'victim', 'admin']

/** Whether authorization alone refuses this credential on this route (so the input may be well-formed). */
function refused(route: FuzzRoute, credential: Credential): boolean {
  if (route.callers.includes('public')) return false
  if (credential === 'admin') return !route.callers.includes('admin')
  // The victim's own routes take {id} = victim; another user is refused on self-only routes.
  if (credential === 'victim') return !route.callers.includes('user') && !route.callers.includes('self')
  if (credential === 'other') return !route.callers.includes('user')
  return true
}

function authHeader(credential: Credential, p: FuzzPrincipals, pick: number): string | undefined {
  switch (credential) {
    case 'none':
      return undefined
    case 'junk':
      return ['Bearer', 'Bearer ', 'Bearer a b', `Bearer ${'x'.repeat(2000)}`, 'Bearer ..', 'Bearer %%%'][
        pick % 6
      ]
    case 'bad-token':
      return `Bearer ${p.badTokens[pick % p.badTokens.length]}`
    case 'wrong-scheme':
      return [`Basic ${p.adminToken}`, `bearer${p.victimToken}`, p.adminToken][pick % 3]
    case 'other':
      return `Bearer ${p.otherToken}`
    case 'victim':
      return `Bearer ${p.victimToken}`
    case 'admin':
      return `Bearer ${p.adminToken}`
  }
}

const hugeBodies = new Map<number, string>()
function hugeBody(bytes: number): string {
  let body = hugeBodies.get(bytes)
  if (body === undefined) {
    body = JSON.stringify({ pad: 'x'.repeat(bytes) })
    hugeBodies.set(bytes, body)
  }
  return body
}

export function fuzzRequest(routes: readonly FuzzRoute[], p: FuzzPrincipals): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      route: fc.constantFrom(...routes),
      credential: fc.constantFrom(...credentials),
      pick: fc.nat(),
    })
    .chain(({ route, credential, pick }) => {
      const options = malformations(route)
      const mustBreak = !refused(route, credential)
      if (mustBreak && options.length === 0) return fc.constant(null)
      const broken = options.length === 0 ? fc.constant(undefined) : fc.oneof(...options)
      return (mustBreak ? broken : fc.option(broken, { nil: undefined })).map((m) =>
        build(route, credential, pick, m, p),
      )
    })
    .filter((r): r is FuzzRequest => r !== null)
}

function build(
  route: FuzzRoute,
  credential: Credential,
  pick: number,
  m: Malformation | undefined,
  p: FuzzPrincipals,
): FuzzRequest {
  const params: Record<string, string> = {
    id: route.path.startsWith('/v1/posts') ? p.postId : p.victimId,
    targetId: p.victimId,
    handle: p.victimHandle,
  }
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((x) => x[1] ?? '')
  if (m?.kind === 'param') params[names[pick % names.length] ?? 'id'] = m.segment
  const path = route.path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(params[n] ?? ''))
  const headers: Record<string, string> = {}
  const auth = authHeader(credential, p, pick)
  if (auth !== undefined) headers.authorization = auth
  let body: string | undefined
  if (m?.kind === 'body') {
    body = m.body
    headers['content-type'] = m.contentType
  } else if (m?.kind === 'huge') {
    body = hugeBody(route.maxBodyBytes + 1)
    headers['content-type'] = 'application/json'
  } else if (route.hasBody) {
    body = '{}'
    headers['content-type'] = 'application/json'
  }
  const query = m?.kind === 'query' ? `?${m.query}` : ''
  return {
    method: route.method,
    url: `${path}${query}`,
    headers,
    body,
    label: `${route.method} ${route.path} ${credential} ${m?.kind ?? '-'}`,
  }
}
