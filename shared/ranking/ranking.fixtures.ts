// Test fixtures for the ranking pipeline: a candidate builder and two FAKE Phoenix engines. Neither runs a
// model; both make a candidate's scores a function of that candidate alone, as the real engines must.
import { DISCRETE_ACTIONS, DISCRETE_INDEX, type DiscreteAction } from '../phoenix/actions.ts'
import type { FeedCandidate, FeedViewer } from '../types/feed.ts'
import { fnv1a32 } from '../util/fnv1a.ts'
import { seededRandom } from '../util/seeded-random.ts'
import type { RankingCandidate, RankingQuery } from './ranking-candidate.ts'
import { DEFAULT_RANKING_PARAMS, type RankingParams } from './ranking-params.ts'
import type { PhoenixScoreEngine, PhoenixScores } from './score-engine.ts'

export const NOW_MS = Date.UTC(2026, 6, 21, 12)

export function feedCandidate(postId: string, over: Partial<FeedCandidate> = {}): FeedCandidate {
  return {
    postId,
    authorId: `author-${postId}`,
    createdAtMs: NOW_MS - 3_600_000,
    text: `post ${postId}`,
    media: 'none',
    counts: { favorite: 10, reply: 1, repost: 1, quote: 0, view: 5000 },
    inNetwork: true,
    isReply: false,
    isRepost: false,
    isQuote: false,
    source: 'thunder',
    conversationId: postId,
    language: 'en',
    subscriberOnly: false,
    authorHandle: `h${postId}`,
    authorDisplayName: `Author ${postId}`,
    authorFollowerCount: 50_000,
    authorIsMutualFollow: false,
    labels: [],
    ...over,
  }
}

export const viewer = (over: Partial<FeedViewer> = {}): FeedViewer => ({
  userId: 'viewer-1',
  history: [],
  mutualFollowIds: [],
  ...over,
})

export const rankingQuery = (
  candidates: readonly FeedCandidate[] = [],
  params: RankingParams = DEFAULT_RANKING_PARAMS,
): RankingQuery => ({ viewer: viewer(), nowMs: NOW_MS, params, candidates })

/** A candidate as the later scorers see it: already carrying a running score. */
export const scored = (post: FeedCandidate, score: number | undefined): RankingCandidate => ({
  post,
  ...(score === undefined ? {} : { score }),
  adjustments: [],
})

export type Probs = Partial<Record<DiscreteAction, number>>

/** FAKE engine: every candidate gets the probabilities the test wrote for its post id (0 for the rest). */
export class FakeTableEngine implements PhoenixScoreEngine {
  readonly name = 'fake-table'
  calls = 0
  constructor(private readonly table: Readonly<Record<string, { probs: Probs; dwellSeconds?: number }>>) {}
  async score(_v: FeedViewer, candidates: readonly FeedCandidate[]): Promise<PhoenixScores> {
    this.calls++
    const A = DISCRETE_ACTIONS.length
    const probs = new Float32Array(candidates.length * A)
    const dwellSeconds = new Float32Array(candidates.length)
    candidates.forEach((c, i) => {
      const row = this.table[c.postId]
      for (const [a, p] of Object.entries(row?.probs ?? {}))
        probs[i * A + DISCRETE_INDEX[a as DiscreteAction]] = p
      dwellSeconds[i] = row?.dwellSeconds ?? 0
    })
    return { probs, dwellSeconds }
  }
}

/** FAKE engine: probabilities seeded by a hash of the post's id and text, nothing else. */
export class FakeHashEngine implements PhoenixScoreEngine {
  readonly name = 'fake-hash'
  async score(_v: FeedViewer, candidates: readonly FeedCandidate[]): Promise<PhoenixScores> {
    const A = DISCRETE_ACTIONS.length
    const probs = new Float32Array(candidates.length * A)
    const dwellSeconds = new Float32Array(candidates.length)
    candidates.forEach((c, i) => {
      const rand = seededRandom(fnv1a32(`${c.postId}|${c.text}`))
      // Small probabilities, as real heads are; negatives rarer still.
      for (let k = 0; k < A; k++)
        probs[i * A + k] = rand() * (k >= DISCRETE_INDEX.not_interested ? 0.002 : 0.2)
      dwellSeconds[i] = rand() * 30
    })
    return { probs, dwellSeconds }
  }
}
