// A repost is ranked as its original (upstream's as_tweet_info unwraps retweets): the original's author,
// text and media replace the repost's own, and a repost whose original is gone is marked for the
// CoreDataHydration filter. Quotes keep their own text and name the quoted author for the social graph.
import type { Hydrator } from '../../../shared/pipeline/stage-types.ts'
import { candidateFailure } from '../../../shared/pipeline/stage-types.ts'
import type { PipelineCandidate } from '../feed-candidate'
import type { FeedQuery } from '../feed-query'
import { mediaKind } from './core-data.hydrator'

type SourceFields = Partial<PipelineCandidate>

export const repostedSourceHydrator: Hydrator<FeedQuery, PipelineCandidate, SourceFields> = {
  name: 'RepostedSourceHydrator',
  async hydrate(q, candidates) {
    const posts = await q.lookups.posts.getMany(candidates.map((c) => c.postId))
    const originalIds = [...posts.values()].flatMap((p) => (p.repostOfId === undefined ? [] : [p.repostOfId]))
    const originals = await q.lookups.posts.getMany(originalIds)
    return candidates.map((c): SourceFields | ReturnType<typeof candidateFailure> => {
      const p = posts.get(c.postId)
      if (p === undefined) return candidateFailure('post not in the post store')
      if (p.repostOfId === undefined) return {}
      const o = originals.get(p.repostOfId)
      if (o === undefined) return { sourceMissing: true }
      // The original's audience too: a repost never widens who may read a subscriber-only post.
      const fields: SourceFields = {
        authorId: o.authorId,
        text: o.text,
        ...mediaKind(o.media),
        subscriberOnly: p.subscriberOnly || o.subscriberOnly,
      }
      if (o.quoteOfId !== undefined) fields.quoteOfPostId = o.quoteOfId
      if (o.quoteOfUserId !== undefined) fields.quotedAuthorId = o.quoteOfUserId
      return fields
    })
  },
  update: (c, fields) => Object.assign(c, fields),
}
