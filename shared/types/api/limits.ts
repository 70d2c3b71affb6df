// Documented limits of the edge API (README "Edge API" and the OpenAPI document quote these). Requests over a
// limit are rejected with 400 (or 413 for bodies), never truncated.

export const LIMITS = {
  /** Request body bytes for user routes; larger bodies get 413. */
  bodyBytes: 64 * 1024,
  /** Request body bytes for admin bulk-ingest routes. */
  adminBodyBytes: 1024 * 1024,
  /** Post text, in Unicode code points (X counts characters, not UTF-16 units). */
  postTextChars: 1000,
  mediaPerPost: 4,
  /** Longest video, ms (4 h). */
  videoDurationMs: 4 * 60 * 60 * 1000,
  handleChars: 15,
  displayNameChars: 50,
  mutedKeywords: 200,
  mutedKeywordChars: 100,
  /** Follows, blocks and mutes per user, each. */
  relationsPerKind: 5000,
  engagementBatch: 100,
  /** Dwell recorded on one engagement, ms (1 h). */
  dwellMs: 60 * 60 * 1000,
  /** The engagement history (the ranker's input sequence) keeps this many newest events. */
  engagementHistory: 512,
  /** Served / seen ids kept per user, each (and never older than 48 h). */
  impressionsPerKind: 2000,
  impressionBatch: 200,
  postLookupIds: 2000,
  adminAccountsBatch: 500,
  adminPostsBatch: 500,
  adminFollowsBatch: 5000,
  adminEngagementsBatch: 2000,
  /** Engagements in one /v1/admin/ingest/users call (its other arrays share the single-stage limits). */
  adminUsersEngagementsBatch: 4000,
  adminThunderBatch: 2000,
  /** User token lifetime bounds, seconds. */
  tokenTtlDefaultS: 24 * 60 * 60,
  tokenTtlMaxS: 30 * 24 * 60 * 60,
  /** Clock skew tolerated for client-supplied times in the future, ms. */
  futureSkewMs: 5 * 60 * 1000,
} as const
