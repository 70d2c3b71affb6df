// Engagement controls → the edge: each records a real engagement for the signed-in user (its history feeds
// the next ranking). The edge applies the relation of follow_author, block_author and mute_author itself
// (edge/README.md, engagement actions). Reposts, replies and quotes are content: a post pointing at this one.
import { signal } from '@preact/signals'
import type { DiscreteAction } from '../../../shared/phoenix/actions.ts'
import type { FeedCandidate } from '../../../shared/types/feed.ts'
import { ok } from '../api/edge-client'
import { api, me } from '../app/session'
import { hideAuthor, hidePost } from './for-you-store'

/** Actions done per post on this page, so the buttons show their state. */
export const engaged = signal<ReadonlyMap<string, ReadonlySet<string>>>(new Map())
/** The last engagement result or error, announced in a live region. */
export const engageNotice = signal('')

function mark(postId: string, action: string, on = true): void {
  const next = new Map(engaged.value)
  const actions = new Set(next.get(postId) ?? [])
  if (on) actions.add(action)
  else actions.delete(action)
  next.set(postId, actions)
  engaged.value = next
}

/** The viewer's repost of each post reposted on this page, so a second press undoes it. */
const repostIds = new Map<string, string>()

export async function recordEngagement(
  postId: string,
  action: DiscreteAction,
  dwellMs?: number,
): Promise<void> {
  const { userId } = me()
  const engagement = dwellMs === undefined ? { postId, action } : { postId, action, dwellMs }
  await ok(
    api.v1.users[':id'].engagements.$post({
      param: { id: userId },
      json: { engagements: [engagement as { postId: string; action: 'favorite' }] },
    }),
  )
}

/** One control's action on a post; the notice says what happened (or the edge's error). */
export async function engage(post: FeedCandidate, action: DiscreteAction): Promise<void> {
  try {
    if (action === 'favorite' && engaged.value.get(post.postId)?.has('favorite')) {
      // A like is a state: pressing again undoes it (the edge takes the count back once).
      await ok(
        api.v1.users[':id'].favorites[':postId'].$delete({ param: { id: me().userId, postId: post.postId } }),
      )
      mark(post.postId, 'favorite', false)
      engageNotice.value = `like removed from @${post.authorHandle}'s post`
      return
    }
    await recordEngagement(post.postId, action)
    mark(post.postId, action)
    if (action === 'block_author' || action === 'mute_author') hideAuthor(post.authorId)
    if (action === 'not_interested' || action === 'report') hidePost(post.postId)
    engageNotice.value = `${action.replaceAll('_', ' ')} recorded for @${post.authorHandle}'s post`
  } catch (e) {
    engageNotice.value = `${action.replaceAll('_', ' ')} failed: ${e instanceof Error ? e.message : String(e)}`
  }
}

/** A repost (content: a post pointing at this one) plus the engagement the ranker learns from; again: undo. */
export async function repost(post: FeedCandidate): Promise<void> {
  try {
    const existing = repostIds.get(post.postId)
    if (existing !== undefined) {
      await ok(api.v1.posts[':id'].$delete({ param: { id: existing } }))
      repostIds.delete(post.postId)
      mark(post.postId, 'repost', false)
      engageNotice.value = `repost of @${post.authorHandle}'s post undone`
      return
    }
    // Once per user and original: a second repost answers with the existing one.
    const created = await ok(api.v1.posts.$post({ json: { repostOfId: post.postId } }))
    repostIds.set(post.postId, created.id)
    await recordEngagement(post.postId, 'repost').catch(() => {})
    mark(post.postId, 'repost')
    engageNotice.value = `reposted @${post.authorHandle}'s post`
  } catch (e) {
    engageNotice.value = `repost failed: ${e instanceof Error ? e.message : String(e)}`
  }
}
