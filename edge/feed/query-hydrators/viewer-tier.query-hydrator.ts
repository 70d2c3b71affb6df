// The viewer's subscription tier, which decides subscriber-only posts (our stand-in for upstream's
// SubscribedUserIds: we keep no per-author subscriptions, so a paid tier reads every subscriber-only post).
import type { QueryHydrator } from '../../../shared/pipeline/stage-types.ts'
import type { SubscriptionTier } from '../../../shared/types/account.ts'
import type { Env } from '../../env'
import { userState } from '../../users/user-state'
import type { FeedQuery } from '../feed-query'

export function viewerTierHydrator(env: Env): QueryHydrator<FeedQuery, SubscriptionTier> {
  return {
    name: 'ViewerTierQueryHydrator',
    async hydrate(q) {
      const profile = await userState(env, q.viewerId).getProfile()
      if (profile === null) throw new Error(`viewer ${q.viewerId} has no profile`)
      return profile.subscriptionTier
    },
    update: (q, viewerTier) => ({ ...q, viewerTier }),
  }
}
