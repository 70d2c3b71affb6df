// The typed route chain (the typed client's source) must mount exactly what the served app mounts.
import { describe, expect, it } from 'vitest'
import { app } from './app'
import { typedRoutes } from './app-routes-typed'

const handlers = (routes: { method: string; path: string }[]) =>
  new Set(routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))

describe('typedRoutes', () => {
  it('mounts the same method and path pairs as createApp (apart from the OpenAPI document)', () => {
    const served = handlers(app.routes)
    served.delete('GET /v1/openapi.json')
    const typed = handlers(typedRoutes().routes)
    expect(typed.size).toBeGreaterThan(20)
    expect([...served].filter((r) => !typed.has(r))).toEqual([])
    expect([...typed].filter((r) => !served.has(r))).toEqual([])
  })
})
