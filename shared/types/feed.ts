// The contract between the edge's candidate pipeline (edge/feed) and the ranking pipeline
// (shared/ranking), which runs in the browser or at the edge. A FeedCandidate is everything the ranker's
// featurizer needs (CandidateInput) plus what scoring, selection and explanations read.
import type { CandidateInput, HistoryEvent } from '../phoenix/features.ts'

/** Where a candidate came from (upstream: ThunderSource, PhoenixSource; ours adds a cold-start fallback). */
export const FEED_SOURCES = ['thunder', 'phoenix_retrieval', 'popular'] as const
export type FeedSource = (typeof FEED_SOURCES)[number]

export interface FeedCandidate extends CandidateInput {
  source: FeedSource
  /** The post a repost points at; replies and quotes name their parent / quoted post. */
  replyToPostId?: string
  repostOfPostId?: string
  quoteOfPostId?: string
  /** Root of the conversation (its own id for a root post). */
  conversationId: string
  language: string
  subscriberOnly: boolean
  authorHandle: string
  authorDisplayName: string
  authorFollowerCount: number
  /** The viewer and the author follow each other (upstream: is_mutual_follow_author). */
  authorIsMutualFollow: boolean
  /** Safety labels applied to the post or its author (Grox, world flags such as nsfw); visibility reads them. */
  labels: string[]
  /** Post-tower embedding from the retrieval index, when it has one (diversity rerank). */
  embedding?: number[]
  /** Dot product with the viewer's user-tower embedding, for retrieval candidates. */
  retrievalScore?: number
}

/** What the ranker needs about the viewer; history is oldest first, as the featurizer expects. */
export interface FeedViewer {
  userId: string
  history: HistoryEvent[]
  /** Authors the viewer follows who follow back (bidirectional reply boost). */
  mutualFollowIds: string[]
}
