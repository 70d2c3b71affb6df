// A stored post → the featurizer's raw input (shared/phoenix/features.ts), the mapping the trainer uses for
// world posts: one media kind per post (video wins, with its duration; then gif; then image).
import type { CandidateInput, MediaKind } from '../../shared/phoenix/features.ts'
import type { Post } from '../../shared/types/post.ts'

function mediaOf(post: Pick<Post, 'media'>): { media: MediaKind; videoDurationMs?: number } {
  const video = post.media.find((m) => m.type === 'video')
  if (video && 'durationMs' in video) return { media: 'video', videoDurationMs: video.durationMs }
  if (post.media.some((m) => m.type === 'gif')) return { media: 'gif' }
  if (post.media.length > 0) return { media: 'image' }
  return { media: 'none' }
}

export function candidateInputOf(post: Post, inNetwork: boolean): CandidateInput {
  return {
    postId: post.id,
    authorId: post.authorId,
    createdAtMs: post.createdAt,
    text: post.text,
    ...mediaOf(post),
    counts: post.counts,
    inNetwork,
    isReply: post.replyToId !== undefined,
    isRepost: post.repostOfId !== undefined,
    isQuote: post.quoteOfId !== undefined,
  }
}
