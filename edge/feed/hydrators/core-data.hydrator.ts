// Upstream's CoreData hydrator: the post's own text, media, relations, language and audience from the post
// store. A post that is gone (deleted, never stored) is a per-candidate failure; the CoreDataHydration
// filter then drops it.
import type { MediaKind } from '../../../shared/phoenix/features.ts'
import type { Hydrator } from '../../../shared/pipeline/stage-types.ts'
import { candidateFailure } from '../../../shared/pipeline/stage-types.ts'
import type { Media } from '../../../shared/types/domain.ts'
import type { PostRecord } from '../../posts/post-record'
import type { PipelineCandidate } from '../feed-candidate'
import type { FeedQuery } from '../feed-query'

/** One media kind per post for the featurizer: video over gif over image. */
export function mediaKind(media: readonly Media[]): { media: MediaKind; videoDurationMs?: number } {
  const videos = media.filter((m) => m.type === 'video')
  if (videos.length > 0)
    return { media: 'video', videoDurationMs: Math.max(...videos.map((v) => v.durationMs ?? 0)) }
  if (media.some((m) => m.type === 'gif')) return { media: 'gif' }
  return { media: media.length > 0 ? 'image' : 'none' }
}

export type CoreData = Partial<PipelineCandidate>

export function coreDataOf(p: PostRecord): CoreData {
  const out: CoreData = {
    servingAuthorId: p.authorId,
    authorId: p.authorId,
    createdAtMs: p.createdAt,
    text: p.text,
    ...mediaKind(p.media),
    isReply: p.replyToId !== undefined,
    isRepost: p.repostOfId !== undefined,
    isQuote: p.quoteOfId !== undefined,
    conversationId: p.conversationId,
    language: p.language,
    subscriberOnly: p.subscriberOnly,
    coreDataHydrated: true,
  }
  if (p.replyToId !== undefined) out.replyToPostId = p.replyToId
  if (p.replyToUserId !== undefined) out.replyToUserId = p.replyToUserId
  if (p.repostOfId !== undefined) out.repostOfPostId = p.repostOfId
  if (p.quoteOfId !== undefined) out.quoteOfPostId = p.quoteOfId
  if (p.quoteOfUserId !== undefined) out.quotedAuthorId = p.quoteOfUserId
  return out
}

export const coreDataHydrator: Hydrator<FeedQuery, PipelineCandidate, CoreData> = {
  name: 'CoreDataHydrator',
  async hydrate(q, candidates) {
    const posts = await q.lookups.posts.getMany(candidates.map((c) => c.postId))
    return candidates.map((c) => {
      const p = posts.get(c.postId)
      return p === undefined ? candidateFailure('post not in the post store') : coreDataOf(p)
    })
  },
  update: (c, data) => Object.assign(c, data),
}
