// Hand-built candidates and queries for the filter tests: every field a filter reads is set explicitly.
import { env } from 'cloudflare:workers'
import { newCandidate, type PipelineCandidate } from './feed-candidate'
import { type FeedQuery, newFeedQuery } from './feed-query'

export const NOW = 1_780_000_000_000
export const VIEWER = '900'

/** A hydrated original post by `authorId`, 1 h old, in network unless said otherwise. */
export function candidate(postId: string, extra: Partial<PipelineCandidate> = {}): PipelineCandidate {
  const authorId = extra.authorId ?? '100'
  const c = newCandidate({ postId, authorId, createdAtMs: NOW - 3_600_000, source: 'thunder' })
  return Object.assign(c, {
    servingAuthorId: authorId,
    coreDataHydrated: true,
    inNetwork: true,
    protectedAuthorIds: [],
    text: `post ${postId}`,
    ...extra,
  })
}

/** A query with every hydrated field empty; `extra` overrides (set a field to undefined to "fail" it). */
export function hydratedQuery(extra: Partial<FeedQuery> = {}): FeedQuery {
  return {
    ...newFeedQuery(env, { viewerId: VIEWER, nowMs: NOW }),
    history: [],
    followedIds: new Set(),
    blockedIds: new Set(),
    mutedIds: new Set(),
    blockedByIds: new Set(),
    viewerTier: 'none',
    mutedKeywords: [],
    servedIds: new Set(),
    seenIds: new Set(),
    mutualFollowIds: new Set(),
    ...extra,
  }
}

export const ids = (cs: readonly { postId: string }[]) => cs.map((c) => c.postId)
