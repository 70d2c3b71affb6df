// The retrieval index's settings: shard count from wrangler.toml [vars], the rest fixed here.
import { PHOENIX_CONFIG } from '../../shared/phoenix/config.ts'
import type { Env } from '../env'

const HOUR_MS = 60 * 60 * 1000

export const RETRIEVAL_LIMITS = Object.freeze({
  /** The post tower's output width; every stored embedding and query has it. */
  dim: PHOENIX_CONFIG.retrievalDim,
  /** Same window as Thunder: out-of-network candidates are recent posts too (upstream retention 2 days). */
  retentionMs: 48 * HOUR_MS,
  /** A removed id is refused this long, so a redelivered create cannot bring it back. */
  tombstoneRetentionMs: 48 * HOUR_MS,
  /** How often the trim alarm runs while a shard holds anything; queries filter by age regardless. */
  trimIntervalMs: 5 * 60 * 1000,
  /** Upstream's PhoenixMaxResults: home-mixer asks retrieval for at most this many. */
  maxK: 1000,
})

export interface RetrievalConfig {
  /** Shards, post ids hashed onto them; the count is part of each shard's name. */
  shards: number
}

export function retrievalConfig(env: Env): RetrievalConfig {
  const raw = env.RETRIEVAL_SHARDS
  if (raw === undefined || raw === '') return { shards: 4 }
  const shards = Number(raw)
  if (!Number.isInteger(shards) || shards < 1 || shards > 64) {
    throw new Error(`RETRIEVAL_SHARDS must be an integer in [1, 64], got ${JSON.stringify(raw)}`)
  }
  return { shards }
}
