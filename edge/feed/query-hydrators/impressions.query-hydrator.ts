// Served and seen post ids (upstream: served_ids and seen_ids on the request, the impression bloom
// filter). UserState keeps each kind for 48 h (and at most 2,000), which covers upstream's
// ExcludeServedTweetIdsDuration of 10 min.
import type { QueryHydrator } from '../../../shared/pipeline/stage-types.ts'
import type { Env } from '../../env'
import { THUNDER_CAPS } from '../../thunder/thunder-caps'
import { userState } from '../../users/user-state'
import type { FeedQuery } from '../feed-query'

interface Impressions {
  served: string[]
  seen: string[]
}

export function impressionsHydrator(env: Env): QueryHydrator<FeedQuery, Impressions> {
  return {
    name: 'ImpressionsQueryHydrator',
    async hydrate(q) {
      const user = userState(env, q.viewerId)
      const since = q.nowMs - THUNDER_CAPS.retentionMs
      const [served, seen] = await Promise.all([
        user.impressionIds('served', since),
        user.impressionIds('seen', since),
      ])
      if (served === null || seen === null) throw new Error(`viewer ${q.viewerId} has no profile`)
      return { served, seen }
    },
    update: (q, { served, seen }) => ({ ...q, servedIds: new Set(served), seenIds: new Set(seen) }),
  }
}
