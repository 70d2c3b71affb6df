// Out-of-network factor (§4.3 step 7): out-of-network posts, and (toggle on by default) in-network replies
// and reposts, are multiplied by the factor (0.75).
import type { Scorer } from '../pipeline/stage-types.ts'
import type { FeedCandidate } from '../types/feed.ts'
import {
  applyScoreUpdate,
  type RankingCandidate,
  type RankingQuery,
  type ScoreUpdate,
} from './ranking-candidate.ts'
import type { RankingParams } from './ranking-params.ts'

/** Why the factor applies to this post, or null when it does not. */
export function outOfNetworkReason(post: FeedCandidate, params: RankingParams): string | null {
  if (!post.inNetwork) return 'out of network'
  if (params.outOfNetwork.inNetworkRepliesAndReposts && (post.isReply || post.isRepost)) {
    return post.isReply ? 'in-network reply' : 'in-network repost'
  }
  return null
}

export const outOfNetworkScorer: Scorer<RankingQuery, RankingCandidate, ScoreUpdate> = {
  name: 'OutOfNetworkScorer',
  async score(q, candidates) {
    const factor = q.params.outOfNetwork.factor
    return candidates.map((c): ScoreUpdate => {
      if (c.score === undefined) return null
      const reason = outOfNetworkReason(c.post, q.params)
      if (reason === null || factor === 1) return { score: c.score }
      const after = c.score * factor
      return { score: after, adjustment: { kind: 'out_of_network', before: c.score, after, factor, reason } }
    })
  },
  update: applyScoreUpdate,
}
