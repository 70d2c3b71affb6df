// The small worlds the feed specs rank: two copies of the workerd feed tests' hand-built world
// (edge/feed/feed-world.fixtures.ts), one per spec, so serving in one spec cannot empty the other's feed.
import { feedWorld, WHO } from '../edge/feed/feed-world.fixtures'
import { PHOENIX_CONFIG } from '../shared/phoenix/config.ts'
import type { FeedCandidatesResult } from '../web/src/feed/feed-api'
import { feedApi } from '../web/src/feed/feed-api'
import { E2E_EDGE } from './e2e-env'

export const FEED_WORLD_BASES = { webgpu: 9_000_001_000, wasm: 9_000_002_000 } as const
export type FeedWorldName = keyof typeof FEED_WORLD_BASES

export interface FeedWorldFacts {
  base: number
  viewerId: string
  viewerHandle: string
  /** The viewer's own posts (feed-world.fixtures: 100 and 101). */
  ownPostIds: string[]
}

export function feedWorldFacts(name: FeedWorldName): FeedWorldFacts {
  const base = FEED_WORLD_BASES[name]
  const viewerId = String(base + WHO.viewer)
  const seed = feedWorld(base)
  const viewer = seed.accounts.find((a) => a.id === viewerId)
  if (!viewer) throw new Error(`feed world ${name} has no viewer account`)
  const ownPostIds = seed.posts.filter((p) => p.authorId === viewerId).map((p) => p.id)
  return { base, viewerId, viewerHandle: viewer.handle, ownPostIds }
}

/** Any unit vector: the retrieval index holds fewer posts than its top-k, so it returns all of them. */
export const PROBE_EMBEDDING = Array.from({ length: PHOENIX_CONFIG.retrievalDim }, (_, i) =>
  i === 0 ? 1 : 0,
)

/** The candidate pipeline for a viewer, asked as the admin (records nothing). */
export function adminCandidates(viewerId: string, userEmbedding?: number[]): Promise<FeedCandidatesResult> {
  const body = userEmbedding === undefined ? { viewerId } : { viewerId, userEmbedding }
  return feedApi(E2E_EDGE.url).candidates(E2E_EDGE.adminToken ?? '', body)
}
