// The Following tab: the viewer's in-network posts from Thunder (GET /v1/users/{id}/in-network, newest
// first), their text and counts from the post store, their authors' names: reverse-chronological, no
// ranking, for comparison with For You.
import { signal } from '@preact/signals'
import type { FeedCandidate } from '../../../shared/types/feed.ts'
import { ok } from '../api/edge-client'
import { api, describeError, me } from '../app/session'

const PAGE = 60

export const followingState = signal<'idle' | 'loading' | 'ready' | 'error'>('idle')
export const followingPosts = signal<FeedCandidate[]>([])
export const followingNote = signal('')
export const followingNowMs = signal(Date.now())

type PostView = Awaited<ReturnType<typeof lookup>>['posts'][number]

function lookup(ids: string[]) {
  return ok(api.v1.posts.lookup.$post({ json: { ids } }))
}

function toCard(
  p: PostView,
  author: { handle: string; displayName: string; followersCount: number } | undefined,
): FeedCandidate {
  const media = p.media[0]
  return {
    postId: p.id,
    authorId: p.authorId,
    createdAtMs: p.createdAt,
    text: p.text,
    media: media?.type ?? 'none',
    videoDurationMs: media?.type === 'video' ? media.durationMs : undefined,
    counts: p.counts,
    inNetwork: true,
    isReply: p.replyToId !== undefined,
    isRepost: p.repostOfId !== undefined,
    isQuote: p.quoteOfId !== undefined,
    source: 'thunder',
    conversationId: p.conversationId,
    language: p.language,
    subscriberOnly: p.subscriberOnly,
    authorHandle: author?.handle ?? p.authorId,
    authorDisplayName: author?.displayName ?? '',
    authorFollowerCount: author?.followersCount ?? 0,
    authorIsMutualFollow: false,
    labels: [],
  }
}

export async function loadFollowing(): Promise<void> {
  followingState.value = 'loading'
  try {
    const { userId } = me()
    const t0 = performance.now()
    const inNetwork = await ok(
      api.v1.users[':id']['in-network'].$get({ param: { id: userId }, query: { limit: String(PAGE) } }),
    )
    const ids = inNetwork.posts.map((p) => p.postId)
    const found = ids.length > 0 ? (await lookup(ids)).posts : []
    const authorIds = [...new Set(found.map((p) => p.authorId))]
    const authors = new Map(
      await Promise.all(
        authorIds.map(async (id) => [id, await ok(api.v1.users[':id'].$get({ param: { id } }))] as const),
      ),
    )
    const posts = found
      .map((p) => toCard(p, authors.get(p.authorId)))
      .sort((a, b) => b.createdAtMs - a.createdAtMs)
    followingPosts.value = posts
    followingNowMs.value = Date.now()
    followingNote.value = `${posts.length} posts from the ${inNetwork.following} accounts you follow, newest first (Thunder fan-out ${Math.round(inNetwork.fanOutMs)} ms, page ${Math.round(performance.now() - t0)} ms).`
    followingState.value = 'ready'
  } catch (e) {
    followingNote.value = `failed: ${describeError(e)}`
    followingState.value = 'error'
  }
}
