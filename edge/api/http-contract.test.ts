// HTTP details a client relies on: 405 and OPTIONS with Allow, Location on 201, the case-insensitive
// bearer scheme, strict integer query parameters, and every validation error reported.
import { describe, expect, it } from 'vitest'
import { ADMIN, call, errorOf, newUser, uniqueHandle } from './api.fixtures'

describe('HTTP contract', () => {
  it('answers a wrong method with 405, Allow and a JSON error', async () => {
    const res = await call('PATCH', '/v1/posts/123')
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')?.split(', ').sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS'])
    expect(errorOf(res).code).toBe('method_not_allowed')
    const health = await call('DELETE', '/v1/health')
    expect(health.status).toBe(405)
    expect(health.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
  })

  it('answers OPTIONS with 204 and Allow, and unknown paths still with 404', async () => {
    const res = await call('OPTIONS', '/v1/users/123')
    expect(res.status).toBe(204)
    expect(res.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'OPTIONS', 'PATCH'])
    expect(res.text).toBe('')
    expect((await call('OPTIONS', '/v1/nothing-here')).status).toBe(404)
    expect((await call('GET', '/v1/nothing-here')).status).toBe(404)
  })

  it('gives every 201 a Location naming the new resource', async () => {
    const created = await call('POST', '/v1/users', {
      token: ADMIN,
      body: { handle: uniqueHandle(), displayName: 'located' },
    })
    expect(created.status).toBe(201)
    const { id } = created.body as { id: string }
    expect(created.headers.get('location')).toBe(`/v1/users/${id}`)
    const a = await newUser()
    const post = await call('POST', '/v1/posts', { token: a.token, body: { text: 'where am I' } })
    expect(post.status).toBe(201)
    expect(post.headers.get('location')).toBe(`/v1/posts/${(post.body as { id: string }).id}`)
  })

  it('accepts the bearer scheme in any letter case', async () => {
    const a = await newUser()
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      const res = await call('GET', `/v1/users/${a.id}`, {
        headers: { authorization: `${scheme} ${a.token}` },
      })
      expect(res.status).toBe(200)
    }
  })

  it('takes only plain decimal integers for limit, and names the field', async () => {
    const a = await newUser()
    for (const query of [
      'limit=0x10',
      'limit=1e2',
      'limit=2&limit=3',
      'limit=%2010',
      'limit=',
      'limit=1.0',
    ]) {
      const res = await call('GET', `/v1/users/${a.id}/engagements?${query}`, { token: a.token })
      expect(res.status, query).toBe(400)
      expect(errorOf(res).field, query).toBe('limit')
    }
    expect((await call('GET', `/v1/users/${a.id}/engagements?limit=10`, { token: a.token })).status).toBe(200)
    const admin = await call('GET', '/v1/admin/dead-letters?limit=1e2', { token: ADMIN })
    expect(admin.status).toBe(400)
  })

  it('reports every validation error, the first one also as `error`', async () => {
    const res = await call('POST', '/v1/users', {
      token: ADMIN,
      body: { handle: 'bad-handle', displayName: 'x'.repeat(51), nope: 1 },
    })
    expect(res.status).toBe(400)
    const body = res.body as { error: { field: string }; errors: { code: string; field: string }[] }
    const fields = body.errors.map((e) => e.field).sort()
    expect(fields).toEqual(['displayName', 'handle', 'nope'])
    expect(fields).toContain(body.error.field)
    for (const e of body.errors) expect(e.code).toBe('invalid_request')
  })
})
