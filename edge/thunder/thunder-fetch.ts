// Upstream's get_all_posts_by_users / get_videos_by_users over one shard's index: per followed author, walk
// each posting list newest first, skip excluded ids, scan a bounded number of entries, keep up to the
// per-author maximum, drop reposts of the viewer's own posts and apply the reply rule.

import { newestFirst, type StoredPost } from './stored-post'
import type { ThunderIndex, TinyPost } from './thunder-index'

export interface ShardQuery {
  viewerId: string
  /** Followed authors placed on this shard. */
  authorIds: readonly string[]
  /** The viewer's whole following list: the reply rule asks whether a reply is addressed to one of them. */
  followedIds: readonly string[]
  /** Served and seen ids (and anything else the caller wants skipped). */
  excludeIds: readonly string[]
  /** Newest posts to return from this shard at most. */
  limit: number
  videosOnly: boolean
}

interface FetchContext {
  index: ThunderIndex
  viewerId: string
  followed: ReadonlySet<string>
  excluded: ReadonlySet<string>
  cutoff: number
}

/**
 * The reply rule: keep a reply only if its parent is in the store and is an original, or the parent is
 * itself a reply to the conversation root and this reply is addressed to someone the viewer follows.
 * "In the store" is judged from the parent facts captured at ingest: not expired, not tombstoned.
 */
export function passesReplyRule(post: StoredPost, ctx: Omit<FetchContext, 'excluded'>): boolean {
  if (post.replyToPostId === undefined || post.parentCreatedAt === undefined) return false
  const parentInStore = post.parentCreatedAt >= ctx.cutoff && !ctx.index.tombstones.has(post.replyToPostId)
  if (!parentInStore) return false
  if (post.parentIsOriginal === true) return true
  const replyToRoot =
    post.parentReplyToPostId !== undefined && post.parentReplyToPostId === post.conversationId
  return replyToRoot && post.replyToUserId !== undefined && ctx.followed.has(post.replyToUserId)
}

function accepts(post: StoredPost, ctx: FetchContext): boolean {
  if (post.kind === 'repost') return post.repostOfUserId !== ctx.viewerId
  if (post.kind === 'reply') return passesReplyRule(post, ctx)
  return true
}

function walk(list: readonly TinyPost[], max: number, ctx: FetchContext, out: StoredPost[]): void {
  const maxScan = ctx.index.caps.maxScanPerAuthor
  let kept = 0
  for (let i = list.length - 1, scanned = 0; i >= 0 && scanned < maxScan && kept < max; i--, scanned++) {
    const entry = list[i]
    if (entry === undefined || entry.at < ctx.cutoff) break
    if (ctx.excluded.has(entry.id)) continue
    const post = ctx.index.posts.get(entry.id)
    if (post === undefined || !accepts(post, ctx)) continue
    out.push(post)
    kept++
  }
}

/** The shard's newest `limit` in-network posts for the viewer, newest first. */
export function fetchFromIndex(index: ThunderIndex, q: ShardQuery, now: number): StoredPost[] {
  const ctx: FetchContext = {
    index,
    viewerId: q.viewerId,
    followed: new Set(q.followedIds),
    excluded: new Set(q.excludeIds),
    cutoff: now - index.caps.retentionMs,
  }
  const caps = index.caps
  const out: StoredPost[] = []
  for (const authorId of new Set(q.authorIds)) {
    const lists = index.authors.get(authorId)
    if (lists === undefined) continue
    if (q.videosOnly) {
      walk(lists.video, caps.maxVideoPerAuthor, ctx, out)
    } else {
      walk(lists.original, caps.maxOriginalPerAuthor, ctx, out)
      walk(lists.secondary, caps.maxReplyPerAuthor, ctx, out)
    }
  }
  out.sort(newestFirst)
  return out.length > q.limit ? out.slice(0, q.limit) : out
}
