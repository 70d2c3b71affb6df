import { describe, expect, it } from 'vitest'
import { userViewSchema } from '../../../shared/types/api/users.ts'
import { ADMIN, call, failure, newUser, uniqueHandle, uniqueId } from '../api.fixtures'

describe('POST /v1/users', () => {
  it('creates a user with defaults and a server id when none is given', async () => {
    const handle = uniqueHandle()
    const res = await call('POST', '/v1/users', { token: ADMIN, body: { handle, displayName: 'Ada 🧮' } })
    expect(res.status).toBe(201)
    const user = userViewSchema.parse(res.body)
    expect(user).toMatchObject({
      handle,
      displayName: 'Ada 🧮',
      protected: false,
      subscriptionTier: 'none',
      nsfw: false,
      followersCount: 0,
      followingCount: 0,
    })
    expect(user.id).toMatch(/^[1-9][0-9]{17,18}$/)
  })

  it('409s a taken id or a handle taken in any letter case', async () => {
    const a = await newUser()
    const sameId = await call('POST', '/v1/users', {
      token: ADMIN,
      body: { id: a.id, handle: uniqueHandle(), displayName: 'Xena' },
    })
    expect(failure(sameId)).toEqual({ status: 409, code: 'user_exists', field: 'id' })
    const sameHandle = await call('POST', '/v1/users', {
      token: ADMIN,
      body: { handle: a.handle.toUpperCase(), displayName: 'Xena' },
    })
    expect(failure(sameHandle)).toEqual({ status: 409, code: 'handle_taken', field: 'handle' })
  })

  const invalid: [string, Record<string, unknown>, string][] = [
    ['a handle with a dash', { handle: 'no-dash' }, 'handle'],
    ['a 16-character handle', { handle: 'a'.repeat(16) }, 'handle'],
    ['a long display name', { displayName: 'x'.repeat(51) }, 'displayName'],
    ['a newline in the display name', { displayName: 'a\nb' }, 'displayName'],
    ['an unknown tier', { subscriptionTier: 'gold' }, 'subscriptionTier'],
    ['a non-boolean protected', { protected: 1 }, 'protected'],
    ['a bad id', { id: '-5' }, 'id'],
    ['an unknown field', { email: 'a@b.c' }, 'email'],
  ]
  it.each(invalid)('rejects %s', async (_name, patch, field) => {
    const res = await call('POST', '/v1/users', {
      token: ADMIN,
      body: { handle: uniqueHandle(), displayName: 'Xena', ...patch },
    })
    expect(failure(res)).toEqual({ status: 400, code: 'invalid_request', field })
  })
})

describe('GET and PATCH /v1/users/{id}', () => {
  it('lets any user read a profile, by id or by handle', async () => {
    const a = await newUser({ subscriptionTier: 'premium', protected: true })
    const b = await newUser()
    const byId = await call('GET', `/v1/users/${a.id}`, { token: b.token })
    expect(userViewSchema.parse(byId.body)).toMatchObject({
      id: a.id,
      subscriptionTier: 'premium',
      protected: true,
    })
    const byHandle = await call('GET', `/v1/users/by-handle/${a.handle.toUpperCase()}`, { token: b.token })
    expect(userViewSchema.parse(byHandle.body).id).toBe(a.id)
    expect(failure(await call('GET', `/v1/users/${uniqueId()}`, { token: b.token }))).toEqual({
      status: 404,
      code: 'user_not_found',
      field: 'id',
    })
    expect((await call('GET', '/v1/users/by-handle/nobody_here_x', { token: b.token })).status).toBe(404)
    expect((await call('GET', '/v1/users/by-handle/bad-handle', { token: b.token })).status).toBe(400)
  })

  it('updates the own profile and moves the handle', async () => {
    const a = await newUser()
    const newHandle = uniqueHandle('n')
    const res = await call('PATCH', `/v1/users/${a.id}`, {
      token: a.token,
      body: { handle: newHandle, displayName: 'New name' },
    })
    expect(userViewSchema.parse(res.body)).toMatchObject({ handle: newHandle, displayName: 'New name' })
    // The old handle is free again, the new one resolves.
    const reuse = await call('POST', '/v1/users', {
      token: ADMIN,
      body: { handle: a.handle, displayName: 'Xena' },
    })
    expect(reuse.status).toBe(201)
    expect((await call('GET', `/v1/users/by-handle/${newHandle}`, { token: a.token })).status).toBe(200)
  })

  it('409s a taken handle, 400s an empty or unknown patch, 404s an unknown user', async () => {
    const a = await newUser()
    const b = await newUser()
    const taken = await call('PATCH', `/v1/users/${a.id}`, { token: a.token, body: { handle: b.handle } })
    expect(failure(taken)).toEqual({ status: 409, code: 'handle_taken', field: 'handle' })
    expect(failure(await call('PATCH', `/v1/users/${a.id}`, { token: a.token, body: {} }))).toMatchObject({
      status: 400,
    })
    const createdAt = await call('PATCH', `/v1/users/${a.id}`, { token: a.token, body: { createdAt: 1 } })
    expect(failure(createdAt)).toMatchObject({ status: 400, field: 'createdAt' })
    const ghost = await call('PATCH', `/v1/users/${uniqueId()}`, {
      token: ADMIN,
      body: { displayName: 'Xena' },
    })
    expect(failure(ghost)).toEqual({ status: 404, code: 'user_not_found', field: 'id' })
  })
})
