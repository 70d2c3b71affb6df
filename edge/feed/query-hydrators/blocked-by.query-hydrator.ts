// The other direction of the social graph: accounts that block or mute the viewer. Upstream hydrates
// this per candidate author (the BlockedBy hydrator); we keep a reverse index in the viewer's own
// UserState (written on the target by setRelation), so it is one read however many authors there are.
import type { QueryHydrator } from '../../../shared/pipeline/stage-types.ts'
import type { Env } from '../../env'
import { userState } from '../../users/user-state'
import type { FeedQuery } from '../feed-query'

export function blockedByHydrator(env: Env): QueryHydrator<FeedQuery, string[]> {
  return {
    name: 'BlockedByQueryHydrator',
    async hydrate(q) {
      const user = userState(env, q.viewerId)
      const [blockers, muters] = await Promise.all([user.inboundIds('blocks'), user.inboundIds('mutes')])
      if (blockers === null || muters === null) throw new Error(`viewer ${q.viewerId} has no profile`)
      return [...blockers, ...muters]
    },
    update: (q, ids) => ({ ...q, blockedByIds: new Set(ids) }),
  }
}
