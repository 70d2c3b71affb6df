// The viewer's muted keywords (stored trimmed and lowercased).
import type { QueryHydrator } from '../../../shared/pipeline/stage-types.ts'
import type { Env } from '../../env'
import { userState } from '../../users/user-state'
import type { FeedQuery } from '../feed-query'

export function mutedKeywordsHydrator(env: Env): QueryHydrator<FeedQuery, string[]> {
  return {
    name: 'MutedKeywordsQueryHydrator',
    async hydrate(q) {
      const keywords = await userState(env, q.viewerId).getMutedKeywords()
      if (keywords === null) throw new Error(`viewer ${q.viewerId} has no profile`)
      return keywords
    },
    update: (q, mutedKeywords) => ({ ...q, mutedKeywords }),
  }
}
