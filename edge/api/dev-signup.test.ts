// POST /v1/auth/dev-signup: the dev-only self sign-up behind the page's "create an account" form. It makes
// a real account (the same profile write as POST /v1/users) and signs the new user in; names follow the
// same claimable rules (reserved names and look-alikes refused); outside dev and local it does not exist.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { tokenResponse } from '../../shared/types/api/admin.ts'
import { userViewSchema } from '../../shared/types/api/users.ts'
import { ADMIN, call, failure, newUser, uniqueHandle } from './api.fixtures'
import { createApp } from './app'

const signup = (body: unknown) => call('POST', '/v1/auth/dev-signup', { body })
const signedUp = tokenResponse.extend({ user: userViewSchema })

describe('POST /v1/auth/dev-signup', () => {
  it('creates the account, signs it in, and dev-login finds it by handle afterwards', async () => {
    const handle = uniqueHandle('new')
    // NFD in, NFC stored (the display-name rules of POST /v1/users).
    const res = await signup({ handle, displayName: 'Cafe\u0301 Owner' })
    expect(res.status).toBe(201)
    const body = signedUp.parse(res.body)
    expect(body.user).toMatchObject({
      id: body.userId,
      handle,
      displayName: 'Caf\u00e9 Owner',
      protected: false,
      subscriptionTier: 'none',
      nsfw: false,
      followersCount: 0,
      followingCount: 0,
    })
    expect(body.user.createdAt).toBeGreaterThan(Date.now() - 60_000)
    const own = await call('GET', `/v1/users/${body.userId}/following`, { token: body.token })
    expect(own.status).toBe(200)
    const stored = await call('GET', `/v1/users/by-handle/${handle.toUpperCase()}`, { token: ADMIN })
    expect(userViewSchema.parse(stored.body).id).toBe(body.userId)
    const login = await call('POST', '/v1/auth/dev-login', { body: { handle } })
    expect(tokenResponse.parse(login.body).userId).toBe(body.userId)
  })

  it('409s a handle that is taken, whatever its case', async () => {
    const user = await newUser()
    const res = await signup({ handle: user.handle.toUpperCase(), displayName: 'Someone Else' })
    expect(failure(res)).toEqual({ status: 409, code: 'handle_taken', field: 'handle' })
  })

  it.each([
    [{ handle: 'X_Support', displayName: 'Fine Name' }, 'handle'],
    [{ handle: 'r00t', displayName: 'Fine Name' }, 'handle'],
    [{ handle: 'has space', displayName: 'Fine Name' }, 'handle'],
    [{ handle: 'abcdefghijklmnop', displayName: 'Fine Name' }, 'handle'],
    [{ handle: 'okhandle1', displayName: 'Аdmin' }, 'displayName'],
    [{ handle: 'okhandle2', displayName: 'evil\u202Egnp.exe' }, 'displayName'],
    [{ handle: 'okhandle3', displayName: '   ' }, 'displayName'],
    [{ handle: 'okhandle4' }, 'displayName'],
    [{ handle: 'okhandle5', displayName: 'Fine Name', subscriptionTier: 'premium' }, undefined],
    [{ handle: 'okhandle6', displayName: 'Fine Name', id: '123' }, undefined],
  ])('400s %j naming the field', async (body, field) => {
    const res = await signup(body)
    expect(res.status).toBe(400)
    if (field !== undefined) expect(failure(res).field).toBe(field)
  })

  it('does not exist outside dev and local (404 like an unknown route)', async () => {
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle: uniqueHandle('prod'), displayName: 'Prod User' }),
    }
    for (const environment of ['production', 'staging', '']) {
      const res = await createApp().request('/v1/auth/dev-signup', init, { ...env, ENVIRONMENT: environment })
      expect(res.status).toBe(404)
      expect(await res.json()).toEqual({
        error: { code: 'not_found', message: 'no route for POST /v1/auth/dev-signup' },
      })
    }
  })
})
