import { describe, expect, it } from 'vitest'
import { constantTimeEqual, signUserToken, verifyUserToken } from './tokens'

const SECRET = 's'.repeat(32)
const NOW = Date.UTC(2026, 10, 1)
const claims = { sub: '42', exp: NOW / 1000 + 60 }

describe('user tokens', () => {
  it('round-trips claims', async () => {
    const token = await signUserToken(SECRET, claims)
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    expect(await verifyUserToken(SECRET, token, NOW)).toEqual(claims)
  })

  it('rejects expired tokens, other keys, tampered payloads and junk', async () => {
    const token = await signUserToken(SECRET, claims)
    expect(await verifyUserToken(SECRET, token, NOW + 60_000)).toBeNull()
    expect(await verifyUserToken('t'.repeat(32), token, NOW)).toBeNull()
    const [payload, sig] = token.split('.')
    const forged = btoa(JSON.stringify({ sub: '43', exp: claims.exp })).replace(/=+$/, '')
    expect(await verifyUserToken(SECRET, `${forged}.${sig}`, NOW)).toBeNull()
    expect(await verifyUserToken(SECRET, `${payload}.${sig}.x`, NOW)).toBeNull()
    for (const junk of ['', '.', 'a.b', `${payload}.`, `${payload}.!!!`, 'x'.repeat(600)]) {
      expect(await verifyUserToken(SECRET, junk, NOW)).toBeNull()
    }
  })

  it('rejects a correctly signed payload that fails the claims schema', async () => {
    const bad = await signUserToken(SECRET, { sub: '0042', exp: claims.exp })
    expect(await verifyUserToken(SECRET, bad, NOW)).toBeNull()
  })
})

describe('constantTimeEqual', () => {
  it('compares by value, whatever the lengths', async () => {
    expect(await constantTimeEqual('abc', 'abc')).toBe(true)
    expect(await constantTimeEqual('abc', 'abd')).toBe(false)
    expect(await constantTimeEqual('abc', 'abcd')).toBe(false)
  })
})
