// Safety labels the visibility rules read: the world's author NSFW flag, on the serving or the original
// author (upstream: nsfw_author / safety_label_mask), and Grox's content labels of the post and, for a
// repost, of the original (edge/grox/tasks/sinks/safety-labels.ts writes them into post core data).
import type { Hydrator } from '../../../shared/pipeline/stage-types.ts'
import { candidateFailure } from '../../../shared/pipeline/stage-types.ts'
import type { PipelineCandidate } from '../feed-candidate'
import type { FeedQuery } from '../feed-query'
import { candidateAuthors } from './author-facts.hydrator'

export const NSFW_AUTHOR_LABEL = 'nsfw_author'

export const labelsHydrator: Hydrator<FeedQuery, PipelineCandidate, string[]> = {
  name: 'LabelsHydrator',
  async hydrate(q, candidates) {
    const postIdsOf = (c: PipelineCandidate) =>
      c.repostOfPostId === undefined ? [c.postId] : [c.postId, c.repostOfPostId]
    const [authors, content] = await Promise.all([
      candidateAuthors(q, candidates),
      q.lookups.groxLabels.getMany(candidates.flatMap(postIdsOf)),
    ])
    const profiles = await q.lookups.profiles.getMany(
      authors.flatMap((a) => (a ? [a.serving, a.original] : [])),
    )
    return authors.map((a, i) => {
      const serving = a && profiles.get(a.serving)
      const original = a && profiles.get(a.original)
      if (!serving || !original) return candidateFailure('author has no profile')
      const labels = new Set(postIdsOf(candidates[i]!).flatMap((id) => content.get(id) ?? []))
      if (serving.nsfw || original.nsfw) labels.add(NSFW_AUTHOR_LABEL)
      return [...labels].sort()
    })
  },
  update: (c, labels) => Object.assign(c, { labels }),
}
