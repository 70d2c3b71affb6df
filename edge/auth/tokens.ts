// Signed user tokens: base64url(JSON {sub, exp}) "." base64url(HMAC-SHA256(payload)), verified with
// WebCrypto; and a constant-time comparison for the admin token.
import { z } from 'zod'
import { idSchema } from '../../shared/types/api/common.ts'

/** Secrets shorter than this are treated as unset: a guessable key would be worse than none. */
export const MIN_SECRET_LENGTH = 32

const encoder = new TextEncoder()
const payloadSchema = z.strictObject({ sub: idSchema, exp: z.number().int().positive() })
export type TokenClaims = z.infer<typeof payloadSchema>

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

/**
 * Decodes unpadded base64url, canonical form only: a last character with nonzero unused bits decodes to the
 * same bytes as the canonical one, and accepting it would make signatures malleable.
 */
function fromBase64Url(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) return null
  let bytes: Uint8Array
  try {
    const binary = atob(s.replaceAll('-', '+').replaceAll('_', '/'))
    bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
  } catch {
    return null
  }
  return toBase64Url(bytes) === s ? bytes : null
}

const keys = new Map<string, Promise<CryptoKey>>()
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret)
  if (key === undefined) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ])
    keys.set(secret, key)
  }
  return key
}

export async function signUserToken(secret: string, claims: TokenClaims): Promise<string> {
  const payload = toBase64Url(encoder.encode(JSON.stringify(claims)))
  const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(payload))
  return `${payload}.${toBase64Url(new Uint8Array(signature))}`
}

/** The claims of a well-formed, correctly signed, unexpired token; null for anything else. */
export async function verifyUserToken(
  secret: string,
  token: string,
  nowMs: number,
): Promise<TokenClaims | null> {
  if (token.length > 512) return null
  const [payload, signature, extra] = token.split('.')
  if (payload === undefined || signature === undefined || extra !== undefined) return null
  const sig = fromBase64Url(signature)
  const body = fromBase64Url(payload)
  if (sig === null || body === null || sig.length !== 32) return null
  const ok = await crypto.subtle.verify('HMAC', await hmacKey(secret), sig, encoder.encode(payload))
  if (!ok) return null
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body))
  } catch {
    return null
  }
  const claims = payloadSchema.safeParse(json)
  if (!claims.success || claims.data.exp * 1000 <= nowMs) return null
  return claims.data
}

/** Compares two secrets in time independent of where they differ (digests equalize the lengths). */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const [da, db] = await Promise.all([
    crypto.subtle.digest('SHA-256', encoder.encode(a)),
    crypto.subtle.digest('SHA-256', encoder.encode(b)),
  ])
  return crypto.subtle.timingSafeEqual(da, db)
}
