// Upstream's BlockedUserIds: accounts the viewer blocks.
import type { QueryHydrator } from '../../../shared/pipeline/stage-types.ts'
import type { Env } from '../../env'
import { userState } from '../../users/user-state'
import type { FeedQuery } from '../feed-query'

export function blockedUserIdsHydrator(env: Env): QueryHydrator<FeedQuery, string[]> {
  return {
    name: 'BlockedUserIdsQueryHydrator',
    async hydrate(q) {
      const list = await userState(env, q.viewerId).listRelations('blocks')
      if (list === null) throw new Error(`viewer ${q.viewerId} has no profile`)
      return list.ids
    },
    update: (q, ids) => ({ ...q, blockedIds: new Set(ids) }),
  }
}
