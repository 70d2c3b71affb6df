// The candidate as it moves through the edge pipeline: the FeedCandidate contract plus the facts only the
// filters read (who served it, ancestor users, whether hydration worked). Sources create it with
// placeholders; hydrators fill it; toFeedCandidate strips the internal fields for the wire.
import type { FeedCandidate, FeedSource } from '../../shared/types/feed.ts'

export interface PipelineCandidate extends FeedCandidate {
  /** Who posted this item (the reposter for a repost; upstream's serving author). `authorId` is the
   * author the ranker sees: the original's for a repost, as upstream's as_tweet_info unwraps retweets. */
  servingAuthorId: string
  /** Core data (text, relations, counts) loaded from the post store. */
  coreDataHydrated: boolean
  /** A repost whose original (or a quote whose quoted post) is gone. */
  sourceMissing: boolean
  replyToUserId?: string
  quotedAuthorId?: string
  /** Which of the serving and original authors are protected; undefined until author facts hydrate. */
  protectedAuthorIds?: string[]
}

/** What a source knows; everything else is a placeholder until hydration. */
export interface SourcedPost {
  postId: string
  authorId: string
  createdAtMs: number
  source: FeedSource
  retrievalScore?: number
}

export function newCandidate(p: SourcedPost): PipelineCandidate {
  const c: PipelineCandidate = {
    postId: p.postId,
    authorId: p.authorId,
    servingAuthorId: p.authorId,
    createdAtMs: p.createdAtMs,
    source: p.source,
    text: '',
    media: 'none',
    counts: { favorite: 0, reply: 0, repost: 0, quote: 0, view: 0 },
    inNetwork: false,
    isReply: false,
    isRepost: false,
    isQuote: false,
    conversationId: p.postId,
    language: 'und',
    subscriberOnly: false,
    authorHandle: '',
    authorDisplayName: '',
    authorFollowerCount: 0,
    authorIsMutualFollow: false,
    labels: [],
    coreDataHydrated: false,
    sourceMissing: false,
  }
  if (p.retrievalScore !== undefined) c.retrievalScore = p.retrievalScore
  return c
}

/** The post a candidate is about for dedup and embeddings: a repost's original, else itself. */
export const originalPostId = (c: FeedCandidate): string => c.repostOfPostId ?? c.postId

export function toFeedCandidate(c: PipelineCandidate): FeedCandidate {
  const {
    servingAuthorId: _serving,
    coreDataHydrated: _core,
    sourceMissing: _source,
    replyToUserId: _replyUser,
    quotedAuthorId: _quotedAuthor,
    protectedAuthorIds: _protected,
    ...wire
  } = c
  return wire
}
