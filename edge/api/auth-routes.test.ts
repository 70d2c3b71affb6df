import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { tokenResponse } from '../../shared/types/api/admin.ts'
import { signUserToken } from '../auth/tokens'
import { ADMIN, call, failure, newUser, uniqueId } from './api.fixtures'
import { createApp } from './app'

/** A request against an app whose environment differs from the test default. */
async function requestWith(overrides: Partial<Env>, path: string, init: RequestInit) {
  const res = await createApp().request(path, init, { ...env, ...overrides })
  return { status: res.status, body: await res.json() }
}
type Env = typeof env

const login = (body: unknown) => call('POST', '/v1/auth/dev-login', { body })

describe('POST /v1/auth/dev-login', () => {
  it('issues a working token by handle (any case) or by id in dev', async () => {
    const user = await newUser()
    const byHandle = tokenResponse.parse((await login({ handle: user.handle.toUpperCase() })).body)
    expect(byHandle.userId).toBe(user.id)
    expect(byHandle.expiresAt).toBeGreaterThan(Date.now())
    const own = await call('GET', `/v1/users/${user.id}/following`, { token: byHandle.token })
    expect(own.status).toBe(200)
    const byId = tokenResponse.parse((await login({ userId: user.id })).body)
    expect(byId.userId).toBe(user.id)
  })

  it('404s unknown users and 400s bad bodies', async () => {
    expect(failure(await login({ handle: 'nobody_at_all' }))).toEqual({
      status: 404,
      code: 'user_not_found',
      field: 'handle',
    })
    expect(failure(await login({ userId: uniqueId() }))).toMatchObject({
      status: 404,
      code: 'user_not_found',
    })
    expect((await login({ handle: 'a', userId: '1' })).status).toBe(400)
    expect((await login({})).status).toBe(400)
  })

  it('is enabled in local and absent (404, whatever the body) outside dev and local', async () => {
    const user = await newUser()
    const init = { method: 'POST', headers: { 'content-type': 'application/json' } }
    const local = await requestWith({ ENVIRONMENT: 'local' }, '/v1/auth/dev-login', {
      ...init,
      body: JSON.stringify({ userId: user.id }),
    })
    expect(local.status).toBe(200)
    for (const environment of ['production', 'staging', '']) {
      for (const body of [JSON.stringify({ userId: user.id }), '{"bad']) {
        const res = await requestWith({ ENVIRONMENT: environment }, '/v1/auth/dev-login', { ...init, body })
        expect(res.status).toBe(404)
        expect(res.body).toEqual({
          error: { code: 'not_found', message: 'no route for POST /v1/auth/dev-login' },
        })
      }
    }
  })
})

describe('POST /v1/admin/tokens and token checks', () => {
  it('issues tokens with a bounded lifetime to the admin only', async () => {
    const user = await newUser()
    const issued = await call('POST', '/v1/admin/tokens', {
      token: ADMIN,
      body: { userId: user.id, ttlSeconds: 120 },
    })
    const { expiresAt } = tokenResponse.parse(issued.body)
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 121_000)
    expect(
      (await call('POST', '/v1/admin/tokens', { token: user.token, body: { userId: user.id } })).status,
    ).toBe(403)
    const short = await call('POST', '/v1/admin/tokens', {
      token: ADMIN,
      body: { userId: user.id, ttlSeconds: 5 },
    })
    expect(failure(short)).toMatchObject({ status: 400, field: 'ttlSeconds' })
    const ghost = await call('POST', '/v1/admin/tokens', { token: ADMIN, body: { userId: uniqueId() } })
    expect(failure(ghost)).toEqual({ status: 404, code: 'user_not_found', field: 'userId' })
  })

  it('401s missing, malformed, forged and expired tokens', async () => {
    const user = await newUser()
    const path = `/v1/users/${user.id}/following`
    const secret = env.TOKEN_SECRET ?? ''
    const expired = await signUserToken(secret, { sub: user.id, exp: Math.floor(Date.now() / 1000) - 1 })
    const forged = await signUserToken('x'.repeat(40), {
      sub: user.id,
      exp: Math.floor(Date.now() / 1000) + 60,
    })
    expect(failure(await call('GET', path))).toEqual({ status: 401, code: 'unauthorized' })
    for (const token of [expired, forged, 'abc', `${user.token}x`, ADMIN.slice(0, -1)]) {
      expect(failure(await call('GET', path, { token }))).toEqual({ status: 401, code: 'invalid_token' })
    }
    const basic = await call('GET', path, { headers: { authorization: `Basic ${user.token}` } })
    expect(failure(basic)).toEqual({ status: 401, code: 'invalid_token' })
  })

  it('accepts no admin token and no user tokens when the secrets are unset or too short', async () => {
    const user = await newUser()
    const path = `/v1/users/${user.id}/following`
    const headers = (t: string) => ({ headers: { authorization: `Bearer ${t}` } })
    expect((await requestWith({ ADMIN_TOKEN: undefined }, path, headers(ADMIN))).status).toBe(401)
    expect((await requestWith({ ADMIN_TOKEN: 'short' }, path, headers('short'))).status).toBe(401)
    expect((await requestWith({ TOKEN_SECRET: undefined }, path, headers(user.token))).status).toBe(401)
  })
})
