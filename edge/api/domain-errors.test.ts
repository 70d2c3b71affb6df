import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { DomainError, type DomainErrorKind, postNotFound, userNotFound } from '../domain-error'
import { createApp } from './app'

// Domain code throws DomainError; errors.ts is the one place that turns a kind into a status.
const EXPECTED_STATUS: [DomainErrorKind, number][] = [
  ['invalid', 400],
  ['forbidden', 403],
  ['not_found', 404],
  ['conflict', 409],
  ['limit_reached', 409],
]

describe('DomainError → HTTP', () => {
  it.each(EXPECTED_STATUS)('maps %s to %i with code, message and field unchanged', async (kind, status) => {
    const app = createApp()
    app.get('/v1/domain', () => {
      throw new DomainError(kind, `some_${kind}`, 'what happened', 'someField')
    })
    const res = await app.request('/v1/domain', {}, env)
    expect(res.status).toBe(status)
    expect(await res.json()).toEqual({
      error: { code: `some_${kind}`, message: 'what happened', field: 'someField' },
    })
  })

  it('omits the field when there is none, and the helpers keep the wire codes', async () => {
    const app = createApp()
    app.get('/v1/no-field', () => {
      throw new DomainError('forbidden', 'not_author', 'only the author can delete')
    })
    const res = await app.request('/v1/no-field', {}, env)
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({ error: { code: 'not_author', message: 'only the author can delete' } })
    expect(postNotFound('7', 'replyToId')).toMatchObject({
      kind: 'not_found',
      code: 'post_not_found',
      message: 'post 7 not found',
      field: 'replyToId',
    })
    expect(userNotFound('8')).toMatchObject({
      code: 'user_not_found',
      message: 'user 8 not found',
      field: 'id',
    })
  })
})
