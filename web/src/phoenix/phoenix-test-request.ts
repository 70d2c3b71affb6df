// A seeded ranking request in the feed contract's shapes (FeedViewer, FeedCandidate): the page's Phoenix
// check scores it through the pool and the e2e spec scores the same request with the TypeScript reference.
import {
  SYNTHETIC_NOW_MS,
  syntheticCandidates,
  syntheticHistory,
} from '../../../shared/phoenix/reference/synthetic-request.ts'
import type { FeedCandidate, FeedViewer } from '../../../shared/types/feed.ts'
import { seededRandom } from '../../../shared/util/seeded-random.ts'

export interface PhoenixTestRequest {
  viewer: FeedViewer
  /** Candidate batches to score one after another for the same viewer. */
  batches: FeedCandidate[][]
  nowMs: number
}

export function phoenixTestRequest(
  seed: number,
  events: number,
  batchSizes: readonly number[],
): PhoenixTestRequest {
  const rand = seededRandom(seed)
  const userId = String(1 + Math.floor(rand() * 1e12))
  const viewer: FeedViewer = { userId, history: syntheticHistory(rand, events), mutualFollowIds: [] }
  const batches = batchSizes.map((n) =>
    syntheticCandidates(rand, n).map(
      (c): FeedCandidate => ({
        ...c,
        source: c.inNetwork ? 'thunder' : 'phoenix_retrieval',
        conversationId: c.postId,
        language: 'en',
        subscriberOnly: false,
        authorHandle: `user${c.authorId}`,
        authorDisplayName: `User ${c.authorId}`,
        authorFollowerCount: 0,
        authorIsMutualFollow: false,
        labels: [],
      }),
    ),
  )
  return { viewer, batches, nowMs: SYNTHETIC_NOW_MS }
}

/** The same viewer after one more engagement: a different history, so its cached prefix must not be reused. */
export function withOneMoreEngagement(viewer: FeedViewer, seed: number): FeedViewer {
  const [extra] = syntheticHistory(seededRandom(seed), 1)
  return { ...viewer, history: [...viewer.history, extra!] }
}
