// Upstream's ScoringSequence: the viewer's engagement history as the ranker's input sequence, one event
// per engaged post (its actions as a mask), with the post's text, author and creation time from the post
// store so the model sees what the viewer engages with.
import { DISCRETE_INDEX, type DiscreteAction } from '../../../shared/phoenix/actions.ts'
import type { HistoryEvent } from '../../../shared/phoenix/features.ts'
import type { QueryHydrator } from '../../../shared/pipeline/stage-types.ts'
import { LIMITS } from '../../../shared/types/api/limits.ts'
import type { Env } from '../../env'
import type { PostRecord } from '../../posts/post-record'
import type { EngagementRecord } from '../../users/user-activity'
import { userState } from '../../users/user-state'
import type { FeedQuery } from '../feed-query'

/** Product surface of every recorded engagement: home (the only surface this product has). */
const HOME_SURFACE = 1

const isDiscrete = (a: string): a is DiscreteAction => Object.hasOwn(DISCRETE_INDEX, a)

/** Engagement rows (any order) → one event per post, oldest first; posts no longer stored are left out. */
export function historyEvents(
  rows: readonly EngagementRecord[],
  posts: ReadonlyMap<string, PostRecord>,
): HistoryEvent[] {
  const byPost = new Map<string, HistoryEvent>()
  for (const r of rows) {
    const post = posts.get(r.postId)
    if (post === undefined || !isDiscrete(r.action)) continue
    let e = byPost.get(r.postId)
    if (e === undefined) {
      e = {
        postId: r.postId,
        authorId: post.authorId,
        postCreatedAtMs: post.createdAt,
        actionMask: 0,
        dwellSeconds: 0,
        surface: HOME_SURFACE,
        engagedAtMs: r.at,
        postText: post.text,
      }
      byPost.set(r.postId, e)
    }
    e.actionMask = (e.actionMask | (1 << DISCRETE_INDEX[r.action])) >>> 0
    e.dwellSeconds = Math.max(e.dwellSeconds, (r.dwellMs ?? 0) / 1000)
    e.engagedAtMs = Math.max(e.engagedAtMs, r.at)
  }
  return [...byPost.values()].sort((a, b) => a.engagedAtMs - b.engagedAtMs || (a.postId < b.postId ? -1 : 1))
}

export function engagementHistoryHydrator(env: Env): QueryHydrator<FeedQuery, HistoryEvent[]> {
  return {
    name: 'EngagementHistoryQueryHydrator',
    async hydrate(q) {
      // Only what happened by the query's time, so a fixed nowMs gives a fixed history.
      const rows = await userState(env, q.viewerId).engagementHistory(LIMITS.engagementHistory, q.nowMs + 1)
      if (rows === null) throw new Error(`viewer ${q.viewerId} has no profile`)
      const posts = await q.lookups.posts.getMany(rows.map((r) => r.postId))
      return historyEvents(rows, posts)
    },
    update: (q, history) => ({ ...q, history }),
  }
}
