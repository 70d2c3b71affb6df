// Upstream's Gizmoduck hydrator: the ranked author's handle, display name and follower count, and which of
// the serving and original authors are protected (the protected-author filter reads it). One UserState
// read per distinct author, memoized per request.
import type { Hydrator } from '../../../shared/pipeline/stage-types.ts'
import { candidateFailure } from '../../../shared/pipeline/stage-types.ts'
import type { PipelineCandidate } from '../feed-candidate'
import type { FeedQuery } from '../feed-query'

type AuthorFacts = Pick<
  PipelineCandidate,
  'authorHandle' | 'authorDisplayName' | 'authorFollowerCount' | 'protectedAuthorIds'
>

/** The serving author and the author the ranker sees (the original's for a repost), per candidate. */
export async function candidateAuthors(
  q: FeedQuery,
  candidates: readonly PipelineCandidate[],
): Promise<({ serving: string; original: string } | undefined)[]> {
  const posts = await q.lookups.posts.getMany(candidates.map((c) => c.postId))
  return candidates.map((c) => {
    const p = posts.get(c.postId)
    return p === undefined ? undefined : { serving: p.authorId, original: p.repostOfUserId ?? p.authorId }
  })
}

export const authorFactsHydrator: Hydrator<FeedQuery, PipelineCandidate, AuthorFacts> = {
  name: 'AuthorFactsHydrator',
  async hydrate(q, candidates) {
    const authors = await candidateAuthors(q, candidates)
    const profiles = await q.lookups.profiles.getMany(
      authors.flatMap((a) => (a ? [a.serving, a.original] : [])),
    )
    return authors.map((a) => {
      if (a === undefined) return candidateFailure('post not in the post store')
      const serving = profiles.get(a.serving)
      const original = profiles.get(a.original)
      if (serving === undefined || original === undefined) return candidateFailure('author has no profile')
      return {
        authorHandle: original.handle,
        authorDisplayName: original.displayName,
        authorFollowerCount: original.followersCount,
        protectedAuthorIds: [...new Set([serving, original].filter((p) => p.protected).map((p) => p.id))],
      }
    })
  },
  update: (c, facts) => Object.assign(c, facts),
}
