// Upstream's MutualFollow: followed accounts that follow the viewer back (the bidirectional reply boost).
// Follows are stored on the follower only (bulk loads must not wake every followee), so this asks each
// followed account's object, newest follows first, bounded in count and concurrency.
import type { QueryHydrator } from '../../../shared/pipeline/stage-types.ts'
import type { Env } from '../../env'
import { mapLimit } from '../../ids/map-limit'
import { userState } from '../../users/user-state'
import { type FeedQuery, required } from '../feed-query'

/** Followed accounts checked at most (the newest follows); beyond it a follow-back goes unnoticed. */
export const MUTUAL_FOLLOW_CHECK_MAX = 500
const CONCURRENCY = 32

export function mutualFollowHydrator(env: Env): QueryHydrator<FeedQuery, string[]> {
  return {
    name: 'MutualFollowQueryHydrator',
    async hydrate(q) {
      // Sets keep insertion order: listRelations returns the newest follows first.
      const followed = [...required(q.followedIds, 'followedIds')].slice(0, MUTUAL_FOLLOW_CHECK_MAX)
      const back = await mapLimit(followed, CONCURRENCY, (id) => userState(env, id).follows(q.viewerId))
      return followed.filter((_, i) => back[i])
    },
    update: (q, ids) => ({ ...q, mutualFollowIds: new Set(ids) }),
  }
}
