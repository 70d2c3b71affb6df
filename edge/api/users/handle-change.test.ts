// A user owns exactly one handle: concurrent handle changes must not leave abandoned handles claimed.
import { describe, expect, it } from 'vitest'
import { userViewSchema } from '../../../shared/types/api/users.ts'
import { ADMIN, call, newUser, uniqueHandle, uniqueId } from '../api.fixtures'

describe('PATCH /v1/users/{id} handle changes under concurrency', () => {
  it('leaves the user with exactly one claimed handle and frees every other', async () => {
    const a = await newUser()
    const wanted = Array.from({ length: 8 }, () => uniqueHandle('h'))
    const replies = await Promise.all(
      wanted.map((handle) => call('PATCH', `/v1/users/${a.id}`, { token: a.token, body: { handle } })),
    )
    for (const r of replies) expect([200, 409]).toContain(r.status)
    const final = userViewSchema.parse((await call('GET', `/v1/users/${a.id}`, { token: a.token })).body)
    expect(wanted).toContain(final.handle)
    for (const handle of [a.handle, ...wanted]) {
      const lookup = await call('GET', `/v1/users/by-handle/${handle}`, { token: a.token })
      if (handle === final.handle) {
        expect(lookup.status).toBe(200)
        continue
      }
      // Abandoned: nobody resolves it and another user can take it.
      expect(lookup.status).toBe(404)
      const other = await call('POST', '/v1/users', {
        token: ADMIN,
        body: { id: uniqueId(), handle, displayName: 'taker' },
      })
      expect(other.status).toBe(201)
    }
  })

  it('does not leak the handle of a losing concurrent create of the same id', async () => {
    const id = uniqueId()
    const handles = Array.from({ length: 5 }, () => uniqueHandle('c'))
    const replies = await Promise.all(
      handles.map((handle) =>
        call('POST', '/v1/users', { token: ADMIN, body: { id, handle, displayName: 'racer' } }),
      ),
    )
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1)
    const user = userViewSchema.parse((await call('GET', `/v1/users/${id}`, { token: ADMIN })).body)
    for (const handle of handles) {
      const lookup = await call('GET', `/v1/users/by-handle/${handle}`, { token: ADMIN })
      expect(lookup.status).toBe(handle === user.handle ? 200 : 404)
    }
  })
})
