// Upstream's MutualFollow: followed accounts that follow the viewer back (the bidirectional reply boost).
// Follows are stored with the follower only (bulk loads must not touch every followee), so this asks the
// followed accounts' shards (one call per shard) about the newest follows, bounded in count.
import type { QueryHydrator } from '../../../shared/pipeline/stage-types.ts'
import type { Env } from '../../env'
import { followersAmong } from '../../users/user-state'
import { type FeedQuery, required } from '../feed-query'

/** Followed accounts checked at most (the newest follows); beyond it a follow-back goes unnoticed. */
export const MUTUAL_FOLLOW_CHECK_MAX = 500

export function mutualFollowHydrator(env: Env): QueryHydrator<FeedQuery, string[]> {
  return {
    name: 'MutualFollowQueryHydrator',
    async hydrate(q) {
      // Sets keep insertion order: listRelations returns the newest follows first.
      const followed = [...required(q.followedIds, 'followedIds')].slice(0, MUTUAL_FOLLOW_CHECK_MAX)
      const back = await followersAmong(env, q.viewerId, followed)
      return followed.filter((id) => back.has(id))
    },
    update: (q, ids) => ({ ...q, mutualFollowIds: new Set(ids) }),
  }
}
