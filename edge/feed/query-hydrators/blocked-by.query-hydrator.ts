// The other direction of the social graph: accounts that block the viewer. Upstream hydrates this per
// candidate author (the BlockedBy hydrator); we keep a reverse index in the viewer's own UserState
// (written on the target by setRelation), so it is one read however many authors there are. Mutes are
// one-way and private: an author who mutes the viewer does not leave the viewer's feed.
import type { QueryHydrator } from '../../../shared/pipeline/stage-types.ts'
import type { Env } from '../../env'
import { userState } from '../../users/user-state'
import type { FeedQuery } from '../feed-query'

export function blockedByHydrator(env: Env): QueryHydrator<FeedQuery, string[]> {
  return {
    name: 'BlockedByQueryHydrator',
    async hydrate(q) {
      const blockers = await userState(env, q.viewerId).inboundIds('blocks')
      if (blockers === null) throw new Error(`viewer ${q.viewerId} has no profile`)
      return blockers
    },
    update: (q, ids) => ({ ...q, blockedByIds: new Set(ids) }),
  }
}
