// Upstream's MutedUserIds: accounts the viewer mutes.
import type { QueryHydrator } from '../../../shared/pipeline/stage-types.ts'
import type { Env } from '../../env'
import { userState } from '../../users/user-state'
import type { FeedQuery } from '../feed-query'

export function mutedUserIdsHydrator(env: Env): QueryHydrator<FeedQuery, string[]> {
  return {
    name: 'MutedUserIdsQueryHydrator',
    async hydrate(q) {
      const list = await userState(env, q.viewerId).listRelations('mutes')
      if (list === null) throw new Error(`viewer ${q.viewerId} has no profile`)
      return list.ids
    },
    update: (q, ids) => ({ ...q, mutedIds: new Set(ids) }),
  }
}
