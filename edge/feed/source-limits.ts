// Per-source candidate caps, in a module of its own so Node scripts (bench:feed) can read them too.

/** Per-source caps. Upstream: ThunderMaxResults 1200, PhoenixMaxResults 1000 (see README for ours). */
export interface FeedSourceLimits {
  thunder: number
  retrieval: number
  popular: number
}

export const DEFAULT_SOURCE_LIMITS: FeedSourceLimits = Object.freeze({
  thunder: 1200,
  // Below upstream's 1000: 1000 costs 1.2× in the Worker, 1.4× per round trip and ~500 more candidates for
  // the browser to rank (npm run bench:feed, edge/README "Tests and benchmark"); POST /v1/feed/candidates'
  // sourceLimits asks for it.
  retrieval: 400,
  popular: 200,
})
