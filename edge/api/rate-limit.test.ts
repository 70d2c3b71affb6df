// Writes are rate-limited per user and per client address (wrangler.toml [[ratelimits]]); the admin is exempt.
import { describe, expect, it } from 'vitest'
import { ADMIN, call, errorOf, newUser, type Reply } from './api.fixtures'

const USER_LIMIT = 300
const ADDRESS_LIMIT = 1200

/**
 * Sends until the first 429 and returns how many got through before it. The limiter counts in fixed
 * windows (period 60 s), so a burst that crosses a window boundary may pass up to twice the limit.
 */
async function untilLimited(send: () => Promise<Reply>, limit: number, expected: number) {
  for (let passed = 0; passed <= 2 * limit; passed++) {
    const reply = await send()
    if (reply.status === 429) return { passed, reply }
    expect(reply.status).toBe(expected)
  }
  throw new Error(`no 429 after ${2 * limit + 1} writes`)
}

describe('write rate limits', () => {
  it('answers 429 with Retry-After and a JSON error once a user exceeds its write budget', async () => {
    const a = await newUser()
    // Invalid patches still count: the limit runs before the body is read.
    const send = () => call('PATCH', `/v1/users/${a.id}`, { token: a.token, body: {} })
    const { passed, reply } = await untilLimited(send, USER_LIMIT, 400)
    expect(passed).toBeGreaterThanOrEqual(USER_LIMIT)
    expect(reply.headers.get('retry-after')).toBe('60')
    expect(errorOf(reply)).toMatchObject({ code: 'rate_limited' })
    // Reads go on, and another user is not affected.
    expect((await call('GET', `/v1/users/${a.id}`, { token: a.token })).status).toBe(200)
    const b = await newUser()
    expect((await call('PATCH', `/v1/users/${b.id}`, { token: b.token, body: {} })).status).toBe(400)
  }, 60_000)

  it('limits anonymous writes per client address and exempts the admin', async () => {
    const headers = { 'cf-connecting-ip': '203.0.113.77' }
    const send = () => call('POST', '/v1/posts', { headers, body: { text: 'hi' } })
    const { passed, reply } = await untilLimited(send, ADDRESS_LIMIT, 401)
    expect(passed).toBeGreaterThanOrEqual(ADDRESS_LIMIT)
    expect(reply.headers.get('retry-after')).toBe('60')
    expect(errorOf(reply)).toMatchObject({ code: 'rate_limited' })
    const other = await call('POST', '/v1/posts', {
      headers: { 'cf-connecting-ip': '203.0.113.78' },
      body: {},
    })
    expect(other.status).toBe(401)
    const admin = await call('POST', '/v1/admin/tokens', { token: ADMIN, headers, body: { userId: '1' } })
    expect(admin.status).not.toBe(429)
  }, 60_000)
})
