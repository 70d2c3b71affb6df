// Safety labels the visibility filter reads. Today: the world's author NSFW flag, on the serving or the
// original author (upstream: nsfw_author / safety_label_mask). Grox content labels join here later.
import type { Hydrator } from '../../../shared/pipeline/stage-types.ts'
import { candidateFailure } from '../../../shared/pipeline/stage-types.ts'
import type { PipelineCandidate } from '../feed-candidate'
import type { FeedQuery } from '../feed-query'
import { candidateAuthors } from './author-facts.hydrator'

export const NSFW_AUTHOR_LABEL = 'nsfw_author'

export const labelsHydrator: Hydrator<FeedQuery, PipelineCandidate, string[]> = {
  name: 'LabelsHydrator',
  async hydrate(q, candidates) {
    const authors = await candidateAuthors(q, candidates)
    const profiles = await q.lookups.profiles.getMany(
      authors.flatMap((a) => (a ? [a.serving, a.original] : [])),
    )
    return authors.map((a) => {
      const serving = a && profiles.get(a.serving)
      const original = a && profiles.get(a.original)
      if (!serving || !original) return candidateFailure('author has no profile')
      return serving.nsfw || original.nsfw ? [NSFW_AUTHOR_LABEL] : []
    })
  },
  update: (c, labels) => Object.assign(c, { labels }),
}
