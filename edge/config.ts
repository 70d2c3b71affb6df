import { enablesDevRoutes } from './dev-environments'
import type { Env } from './env'

/** Settings read from wrangler.toml [vars] (and test bindings), validated once per call site. */
export interface EdgeConfig {
  /** Thunder shards (authors hashed onto them). Changing it starts a fresh set of shards. */
  thunderShards: number
  /** Post-store shards (post ids hashed onto them). */
  postShards: number
  /** User-state shards (user ids hashed onto them). Fixed once users exist: a new count starts empty shards. */
  userShards: number
  /** First queue retry delay, seconds; doubles per attempt. */
  retryBaseDelayS: number
  /** Seconds a post event may stay unconfirmed before the post store's alarm re-sends it; doubles per re-send. */
  outboxResendAfterS: number
}

/** An integer [vars] value in [min, max], or the fallback when unset; throws naming the variable otherwise. */
export function intVar(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(value)}`)
  }
  return n
}

export function edgeConfig(env: Env): EdgeConfig {
  return {
    thunderShards: intVar(env.THUNDER_SHARDS, 'THUNDER_SHARDS', 8, 1, 64),
    postShards: intVar(env.POST_SHARDS, 'POST_SHARDS', 8, 1, 64),
    userShards: intVar(env.USER_SHARDS, 'USER_SHARDS', 32, 1, 4096),
    retryBaseDelayS: intVar(env.QUEUE_RETRY_BASE_DELAY_S, 'QUEUE_RETRY_BASE_DELAY_S', 5, 0, 300),
    outboxResendAfterS: intVar(env.OUTBOX_RESEND_AFTER_S, 'OUTBOX_RESEND_AFTER_S', 30, 1, 3600),
  }
}

/** Environments where the dev-only login route is served (edge/dev-environments.ts). */
export function isDevEnvironment(env: Env): boolean {
  return enablesDevRoutes(env.ENVIRONMENT)
}
