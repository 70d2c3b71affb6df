// The auth matrix, proven from the published OpenAPI document: every operation states its callers
// (x-callers), and each kind of credential gets exactly the access those callers promise.
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ADMIN, call, newPost, newUser, type Reply, type TestUser } from './api.fixtures'
import { app } from './app'

const operationSchema = z.object({ 'x-callers': z.array(z.enum(['public', 'admin', 'self', 'user'])) })
const documentSchema = z.object({ paths: z.record(z.string(), z.record(z.string(), operationSchema)) })

type Operation = { method: string; path: string; callers: string[] }
type Credential = 'none' | 'forged' | 'other' | 'self' | 'admin'

let operations: Operation[] = []
let self: TestUser
let other: TestUser
let target: TestUser

beforeAll(async () => {
  const doc = documentSchema.parse((await call('GET', '/v1/openapi.json')).body)
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      callers: op['x-callers'],
    })),
  )
  ;[self, other, target] = await Promise.all([newUser(), newUser(), newUser()])
})

function mayCall(callers: string[], credential: Credential): boolean {
  if (callers.includes('public')) return true
  if (credential === 'admin') return callers.includes('admin')
  if (credential === 'self') return callers.includes('user') || callers.includes('self')
  if (credential === 'other') return callers.includes('user')
  return false
}

async function concretePath(path: string): Promise<string> {
  let out = path.replace('{targetId}', target.id).replace('{handle}', self.handle)
  if (out.includes('{id}'))
    out = out.replace('{id}', path.startsWith('/v1/posts') ? (await newPost(self)).id : self.id)
  return out
}

function tokenFor(credential: Credential): string | undefined {
  return {
    none: undefined,
    forged: `${self.token.slice(0, -2)}AA`,
    other: other.token,
    self: self.token,
    admin: ADMIN,
  }[credential]
}

/** The 403 that `authorize` gives (handlers' own 403s carry another code or a field). */
const isAuthorizeDenial = (r: Reply) =>
  r.status === 403 && typeof r.body === 'object' && JSON.stringify(r.body).includes('"this route is for')

describe('auth matrix', () => {
  it('documents callers for every operation, and every API route is documented', () => {
    expect(operations.length).toBeGreaterThanOrEqual(30)
    const documented = new Set(operations.map((o) => `${o.method} ${o.path}`))
    const served = app.routes
      .filter((r) => r.method !== 'ALL' && !r.path.startsWith('/v1/health') && r.path !== '/v1/openapi.json')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
    for (const route of served) expect(documented).toContain(route)
  })

  const credentials: Credential[] = ['none', 'forged', 'other', 'self', 'admin']
  it.each(credentials)(
    'holds for credential "%s" on every operation',
    async (credential) => {
      const results: string[] = []
      for (const op of operations) {
        const path = await concretePath(op.path)
        const body = ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : undefined
        const res = await call(op.method, path, { token: tokenFor(credential), body })
        const allowed = mayCall(op.callers, credential)
        const ok = allowed
          ? res.status !== 401 && !isAuthorizeDenial(res)
          : res.status === (credential === 'none' || credential === 'forged' ? 401 : 403)
        if (!ok)
          results.push(`${op.method} ${op.path} [${op.callers}] as ${credential}: ${res.status} ${res.text}`)
        expect(res.status).toBeLessThan(500)
      }
      expect(results).toEqual([])
    },
    30_000,
  )
})
