import { describe, expect, it } from 'vitest'
import { ADMIN, call, failure, newUser, uniqueId } from '../api.fixtures'

describe('muted keywords', () => {
  it('replaces, normalizes and reads back the list', async () => {
    const a = await newUser()
    const put = await call('PUT', `/v1/users/${a.id}/muted-keywords`, {
      token: a.token,
      body: { keywords: ['  Spoilers ', 'crypto', 'CRYPTO', 'ñandú 🐦'] },
    })
    expect(put.body).toEqual({ keywords: ['crypto', 'spoilers', 'ñandú 🐦'] })
    expect((await call('GET', `/v1/users/${a.id}/muted-keywords`, { token: a.token })).body).toEqual({
      ...(put.body as object),
      nextCursor: null,
    })
    await call('PUT', `/v1/users/${a.id}/muted-keywords`, { token: ADMIN, body: { keywords: [] } })
    expect((await call('GET', `/v1/users/${a.id}/muted-keywords`, { token: a.token })).body).toEqual({
      keywords: [],
      nextCursor: null,
    })
  })

  const invalid: [string, unknown, string][] = [
    ['201 keywords', { keywords: Array.from({ length: 201 }, (_, i) => `k${i}`) }, 'keywords'],
    ['a 101-character keyword', { keywords: ['x'.repeat(101)] }, 'keywords.0'],
    ['a blank keyword', { keywords: ['   '] }, 'keywords.0'],
    ['an empty keyword', { keywords: [''] }, 'keywords.0'],
    ['a non-string keyword', { keywords: [7] }, 'keywords.0'],
    ['a missing list', {}, 'keywords'],
  ]
  it.each(invalid)('rejects %s', async (_name, body, field) => {
    const a = await newUser()
    const res = await call('PUT', `/v1/users/${a.id}/muted-keywords`, { token: a.token, body })
    expect(failure(res)).toEqual({ status: 400, code: 'invalid_request', field })
  })

  it('404s an unknown user', async () => {
    const res = await call('GET', `/v1/users/${uniqueId()}/muted-keywords`, { token: ADMIN })
    expect(failure(res)).toEqual({ status: 404, code: 'user_not_found', field: 'id' })
  })
})
