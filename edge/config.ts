import type { Env } from './env'

/** Settings read from wrangler.toml [vars] (and test bindings), validated once per call site. */
export interface EdgeConfig {
  /** Thunder shards (authors hashed onto them). Changing it starts a fresh set of shards. */
  thunderShards: number
  /** Post-store shards (post ids hashed onto them). */
  postShards: number
  /** First queue retry delay, seconds; doubles per attempt. */
  retryBaseDelayS: number
}

function intVar(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
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
    retryBaseDelayS: intVar(env.QUEUE_RETRY_BASE_DELAY_S, 'QUEUE_RETRY_BASE_DELAY_S', 5, 0, 300),
  }
}

/** Environments where the dev-only login route is served. */
export function isDevEnvironment(env: Env): boolean {
  return env.ENVIRONMENT === 'dev' || env.ENVIRONMENT === 'local'
}
