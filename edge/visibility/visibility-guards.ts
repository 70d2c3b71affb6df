// The one-call guards the routes use: reads drop what the caller may not see (the admin, the operator,
// sees everything), and writes that reference a post refuse a post the writer may not see.
import { definedFields } from '../../shared/util/defined.ts'
import type { Env, Principal } from '../env'
import { lookupPosts } from '../posts/post-client'
import type { PostRecord } from '../posts/post-record'
import {
  type PostRef,
  requireVisiblePosts,
  type VisibilityPost,
  visibilityOf,
  visibleRecords,
} from './visibility-facts'

/** The found posts the principal may read directly; the others read as missing. */
export async function readableBy(
  env: Env,
  principal: Principal,
  found: ReadonlyMap<string, PostRecord>,
): Promise<Map<string, PostRecord>> {
  if (principal.kind === 'admin') return new Map(found)
  const visible = await visibleRecords(env, principal.userId, [...found.values()], 'read')
  return new Map(visible.map((r) => [r.id, r]))
}

type Referencing = { authorId: string; replyToId?: string; quoteOfId?: string; repostOfId?: string }

/**
 * New posts that reply to, quote or repost a post: each author must be able to read what it references,
 * else 404 naming the field (`known` holds the referenced posts and the originals of referenced reposts).
 */
export async function requireVisibleReferences(
  env: Env,
  posts: readonly Referencing[],
  known: ReadonlyMap<string, PostRecord>,
): Promise<void> {
  const byAuthor = new Map<string, PostRef[]>()
  for (const p of posts)
    for (const field of ['replyToId', 'quoteOfId', 'repostOfId'] as const) {
      const postId = p[field]
      if (postId === undefined) continue
      byAuthor.set(p.authorId, [...(byAuthor.get(p.authorId) ?? []), { postId, field }])
    }
  for (const [authorId, refs] of byAuthor) await requireVisiblePosts(env, authorId, refs, known)
}

/** Engagements a user sends: each post must be one the user may read (404 naming `engagements.<i>.postId`). */
export function requireVisibleEngaged(
  env: Env,
  userId: string,
  postIds: readonly string[],
  known: ReadonlyMap<string, PostRecord>,
): Promise<void> {
  const refs = postIds.map((postId, i) => ({ postId, field: `engagements.${i}.postId` }))
  return requireVisiblePosts(env, userId, refs, known)
}

/**
 * Thunder's in-network posts the viewer may see in a timeline (muted authors leave it too). Audience comes
 * from the post store; a post Thunder holds without a stored record (loaded straight into Thunder by the
 * operator) is judged by its authors alone.
 */
export async function visibleInNetwork<T extends { postId: string; authorId: string; repostOfId?: string }>(
  env: Env,
  viewerId: string,
  posts: readonly T[],
): Promise<T[]> {
  const stored = await lookupPosts(
    env,
    posts.map((p) => p.postId),
  )
  const facts = posts.map(
    (p): VisibilityPost =>
      stored.get(p.postId) ??
      definedFields({ id: p.postId, authorId: p.authorId, subscriberOnly: false, repostOfId: p.repostOfId }),
  )
  const visibility = await visibilityOf(env, viewerId, facts, 'timeline', stored)
  return posts.filter((p) => visibility.get(p.postId)?.visible === true)
}
