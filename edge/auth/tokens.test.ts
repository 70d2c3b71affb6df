import { describe, expect, it } from 'vitest'
import { constantTimeEqual, signUserToken, verifyUserToken } from './tokens'

const SECRET = 's'.repeat(32)
const NOW = Date.UTC(2026, 10, 1)
const claims = { sub: '42', exp: NOW / 1000 + 60 }
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

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

  // base64url of 32 bytes is 43 characters; the last one carries 4 bits, so its 2 low bits are unused and
  // 3 other characters decode to the same signature bytes. Only the canonical one (zero bits) may verify.
  it('accepts only the canonical encoding of the signature and the payload', async () => {
    const token = await signUserToken(SECRET, claims)
    const [payload = '', sig = ''] = token.split('.')
    const sameBytes = (part: string) => {
      const last = ALPHABET.indexOf(part.at(-1) ?? '')
      const unusedBits = ({ 2: 4, 3: 2 } as Record<number, number>)[part.length % 4] ?? 0
      return [...ALPHABET].filter((_c, i) => i !== last && i >> unusedBits === last >> unusedBits)
    }
    const sigVariants = sameBytes(sig)
    expect(sigVariants).toHaveLength(3)
    for (const c of sigVariants)
      expect(await verifyUserToken(SECRET, `${payload}.${sig.slice(0, -1)}${c}`, NOW)).toBeNull()
    for (const c of sameBytes(payload))
      expect(await verifyUserToken(SECRET, `${payload.slice(0, -1)}${c}.${sig}`, NOW)).toBeNull()
    // Padding is not part of the encoding either.
    expect(await verifyUserToken(SECRET, `${payload}.${sig}=`, NOW)).toBeNull()
    expect(await verifyUserToken(SECRET, token, NOW)).toEqual(claims)
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
