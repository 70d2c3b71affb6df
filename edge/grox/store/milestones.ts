// Engagement milestones: the producers of the min-traction, popular and deluxe sources. Counted where
// engagements are applied (users/user-service.ts), kept per post in GroxStore; each fires once per post.
import type { GroxSource } from '../generators/stream-generators'

export interface EngagementDelta {
  postId: string
  /** Favorites, replies, reposts and quotes (views do not make traction). */
  engagements: number
  favorites: number
}

export type Milestone = 'min_traction' | 'popular' | 'deluxe'

export interface MilestoneCrossing {
  postId: string
  milestone: Milestone
}

interface MilestoneRule {
  name: Milestone
  source: GroxSource
  reached(t: { engagements: number; favorites: number }): boolean
}

/** Thresholds: min traction 5 engagements, popular 50; deluxe at 64 favorites (x-algorithm-facts §6). */
export const MILESTONES: readonly MilestoneRule[] = [
  { name: 'min_traction', source: 'posts_min_traction', reached: (t) => t.engagements >= 5 },
  { name: 'popular', source: 'posts_popular', reached: (t) => t.engagements >= 50 },
  { name: 'deluxe', source: 'safety_ptos_deluxe', reached: (t) => t.favorites >= 64 },
]

export function milestoneSource(m: Milestone): GroxSource {
  return MILESTONES.find((r) => r.name === m)!.source
}
