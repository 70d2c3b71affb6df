// The candidate pipeline's query: who is asking, when, with what user-tower embedding, and everything the
// query hydrators fill in. A field left undefined was not hydrated (its hydrator failed): the safety
// filters that read it then fail closed instead of letting everything through.
import type { HistoryEvent } from '../../shared/phoenix/features.ts'
import type { SubscriptionTier } from '../../shared/types/account.ts'
import type { Env } from '../env'
import { type FeedLookups, feedLookups } from './feed-lookups'
import { DEFAULT_SOURCE_LIMITS, type FeedSourceLimits } from './source-limits'

export interface FeedQuery {
  viewerId: string
  /** Evaluation time (ages, the 48 h window, impression windows); a test hook like Thunder's `now`. */
  nowMs: number
  /** The viewer's user-tower embedding, computed by the caller (the browser) or at the edge (GET /v1/feed). */
  userEmbedding?: Float32Array
  excludeVideos: boolean
  /** Compute the user-tower embedding at the edge when the caller sent none (GET /v1/feed). */
  computeUserEmbedding: boolean
  limits: FeedSourceLimits
  /** Per-request memoized batch lookups shared by the hydrators (one post-store read per id). */
  lookups: FeedLookups

  // Filled by the query hydrators.
  /** Oldest first, as the featurizer expects. */
  history?: HistoryEvent[]
  followedIds?: ReadonlySet<string>
  blockedIds?: ReadonlySet<string>
  mutedIds?: ReadonlySet<string>
  /** Authors who block the viewer (the reverse index their block writes in the viewer's UserState). */
  blockedByIds?: ReadonlySet<string>
  /** The viewer's subscription tier: subscriber-only posts need a paid one. */
  viewerTier?: SubscriptionTier
  mutedKeywords?: readonly string[]
  servedIds?: ReadonlySet<string>
  seenIds?: ReadonlySet<string>
  /** Followed accounts that follow the viewer back. */
  mutualFollowIds?: ReadonlySet<string>
}

export interface FeedQueryInput {
  viewerId: string
  nowMs: number
  userEmbedding?: Float32Array | undefined
  excludeVideos?: boolean | undefined
  computeUserEmbedding?: boolean | undefined
  limits?: Partial<FeedSourceLimits> | undefined
}

export function newFeedQuery(env: Env, input: FeedQueryInput): FeedQuery {
  const query: FeedQuery = {
    viewerId: input.viewerId,
    nowMs: input.nowMs,
    excludeVideos: input.excludeVideos ?? false,
    computeUserEmbedding: input.computeUserEmbedding ?? false,
    limits: { ...DEFAULT_SOURCE_LIMITS, ...input.limits },
    lookups: feedLookups(env),
  }
  if (input.userEmbedding !== undefined) query.userEmbedding = input.userEmbedding
  return query
}

/** A query field a component needs; throws (failing that component) when its hydrator did not run. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`query not hydrated: ${what}`)
  return value
}
