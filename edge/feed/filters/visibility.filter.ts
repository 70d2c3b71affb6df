// The visibility rule (edge/visibility/post-visibility.ts) in the feed, fail-closed: a candidate reaches
// the viewer only if both the post that serves it and the post the ranker sees (a repost's original) are
// visible in a timeline — protected authors to approved followers, blocks either way, subscriber-only
// posts to paid tiers, muted authors never. It replaces upstream's IneligibleSubscription filter and its
// protected-author visibility rule (moved before scoring: candidates leave the edge for the browser).
// Without the facts it judges by (follows, blocks, mutes, tier, author facts) it drops the candidate.
import type { Filter } from '../../../shared/pipeline/stage-types.ts'
import { type AuthorFacts, postVisibility } from '../../visibility/post-visibility'
import type { PipelineCandidate } from '../feed-candidate'
import { type FeedQuery, required } from '../feed-query'
import { partition } from './partition'

export const visibilityFilter: Filter<FeedQuery, PipelineCandidate> = {
  name: 'VisibilityFilter',
  onError: 'fail-closed',
  filter(q, candidates) {
    const viewer = { userId: q.viewerId, subscriptionTier: required(q.viewerTier, 'viewerTier') }
    const followed = required(q.followedIds, 'followedIds')
    const blocked = required(q.blockedIds, 'blockedIds')
    const muted = required(q.mutedIds, 'mutedIds')
    const blockers = required(q.blockedByIds, 'blockedByIds')
    return partition(candidates, (c) => {
      const protectedIds = c.protectedAuthorIds
      if (protectedIds === undefined) return false
      const facts = (authorId: string): AuthorFacts => ({
        authorId,
        authorProtected: protectedIds.includes(authorId),
        viewerFollows: followed.has(authorId),
        viewerBlocks: blocked.has(authorId),
        blocksViewer: blockers.has(authorId),
        viewerMutes: muted.has(authorId),
      })
      return [c.servingAuthorId, c.authorId].every(
        (authorId) =>
          postVisibility(viewer, { authorId, subscriberOnly: c.subscriberOnly }, facts(authorId), 'timeline')
            .visible,
      )
    })
  },
}
