// The dispatcher's settings from wrangler.toml [vars] (upstream DispatcherConfig / EngineConfig).
import { intVar } from '../../config'
import type { Env } from '../../env'

export interface DispatcherConfig {
  /** Tasks released to the engine and not yet answered, at most (upstream max_in_flight). */
  maxInFlight: number
  /** A failed task runs again while its attempt is below this (upstream max_attempts), then is terminal. */
  maxAttempts: number
  /** A task not started this long after its message was sent is skipped (upstream deadline_ts_secs). */
  taskDeadlineMs: number
  /** A released task not answered within this is counted as a failed attempt (a lost or crashed run). */
  leaseMs: number
}

export function dispatcherConfig(env: Env): DispatcherConfig {
  return {
    maxInFlight: intVar(env.GROX_MAX_IN_FLIGHT, 'GROX_MAX_IN_FLIGHT', 32, 1, 10_000),
    maxAttempts: intVar(env.GROX_MAX_ATTEMPTS, 'GROX_MAX_ATTEMPTS', 3, 0, 20),
    taskDeadlineMs: intVar(env.GROX_TASK_DEADLINE_S, 'GROX_TASK_DEADLINE_S', 900, 1, 86_400) * 1000,
    leaseMs: intVar(env.GROX_LEASE_S, 'GROX_LEASE_S', 120, 1, 3_600) * 1000,
  }
}

export function groxStoreShardCount(env: Env): number {
  return intVar(env.GROX_STORE_SHARDS, 'GROX_STORE_SHARDS', 4, 1, 64)
}
