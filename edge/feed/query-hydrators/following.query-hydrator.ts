// Upstream's FollowedUserIds: whom the viewer follows (Thunder's authors, the in-network flag).
import type { QueryHydrator } from '../../../shared/pipeline/stage-types.ts'
import type { Env } from '../../env'
import { userState } from '../../users/user-state'
import type { FeedQuery } from '../feed-query'

export function followingHydrator(env: Env): QueryHydrator<FeedQuery, string[]> {
  return {
    name: 'FollowedUserIdsQueryHydrator',
    async hydrate(q) {
      const list = await userState(env, q.viewerId).listRelations('following')
      if (list === null) throw new Error(`viewer ${q.viewerId} has no profile`)
      return list.ids
    },
    update: (q, ids) => ({ ...q, followedIds: new Set(ids) }),
  }
}
