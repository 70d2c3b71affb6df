// Per-source candidate caps, in a module of its own so Node scripts (bench:feed) can read them too.

/** Per-source caps. Upstream: ThunderMaxResults 1200, PhoenixMaxResults 1000 (see README for ours). */
export interface FeedSourceLimits {
  thunder: number
  retrieval: number
  popular: number
}

export const DEFAULT_SOURCE_LIMITS: FeedSourceLimits = Object.freeze({
  thunder: 1200,
  // Below upstream's 1000, set when every out-of-network author cost one UserState object call (now one call
  // per user-state shard); not measured again since.
  retrieval: 400,
  popular: 200,
})
