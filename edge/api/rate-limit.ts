// Write rate limits with Cloudflare's Workers rate-limiting binding (wrangler.toml [[ratelimits]]).
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env'
import { bearerToken, principalFromToken } from './authorize'
import { ApiError } from './errors'

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The limiter's window (wrangler.toml `period`): the longest a client can have to wait. */
export const RATE_LIMIT_PERIOD_S = 60

export class RateLimitedError extends ApiError {
  constructor(readonly scope: 'user' | 'address') {
    super(
      429,
      'rate_limited',
      `too many writes from this ${scope}; retry after ${RATE_LIMIT_PERIOD_S} s`,
      undefined,
      {
        headers: { 'retry-after': String(RATE_LIMIT_PERIOD_S) },
      },
    )
  }
}

async function over(limiter: RateLimit, key: string): Promise<boolean> {
  return !(await limiter.limit({ key })).success
}

/**
 * 429 when a caller writes too often: per user (a valid user token's subject) and per client address
 * (CF-Connecting-IP, which Cloudflare sets on every request it forwards and clients cannot forge; a
 * request without it did not come through Cloudflare and has no address to count). The admin is exempt:
 * it seeds and ingests in bulk. Reads are not limited.
 */
export const limitWrites: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!WRITE_METHODS.has(c.req.method)) return next()
  const token = bearerToken(c.req.header('authorization'))
  const principal = token === null ? null : await principalFromToken(c.env, token)
  if (principal?.kind === 'admin') return next()
  const address = c.req.header('cf-connecting-ip')
  if (address !== undefined && (await over(c.env.ADDRESS_WRITE_LIMIT, address)))
    throw new RateLimitedError('address')
  if (principal?.kind === 'user' && (await over(c.env.USER_WRITE_LIMIT, principal.userId)))
    throw new RateLimitedError('user')
  return next()
}
