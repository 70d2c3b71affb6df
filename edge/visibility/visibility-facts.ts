// Loads what postVisibility needs for a batch of posts and applies it: one call to the viewer's UserState
// shard (tier and relations to the authors), the profiles of the authors whose protection matters (not the
// viewer, not followed; one call per shard), and the originals of reposts from the post store.
import { postNotFound } from '../domain-error'
import type { Env } from '../env'
import { lookupPosts } from '../posts/post-client'
import type { PostRecord } from '../posts/post-record'
import type { ViewerRelationFacts } from '../users/relation-facts'
import { lookupProfiles, userState } from '../users/user-state'
import {
  type AuthorFacts,
  postVisibility,
  repostVisibility,
  type Visibility,
  type VisibilityPurpose,
} from './post-visibility'

/** What visibility reads of a post: its author, audience and, for a repost, its original. */
export type VisibilityPost = Pick<PostRecord, 'id' | 'authorId' | 'subscriberOnly' | 'repostOfId'>

/** A viewer without a profile (a token for a removed user) has no relations and no tier. */
const NO_FACTS: ViewerRelationFacts = {
  subscriptionTier: 'none',
  following: [],
  blocks: [],
  mutes: [],
  blockedBy: [],
}

/**
 * Visibility of each record for `viewerId`, by post id. A repost is visible only when its original is
 * too; `known` may carry posts already loaded (the originals are looked up otherwise).
 */
export async function visibilityOf(
  env: Env,
  viewerId: string,
  records: readonly VisibilityPost[],
  purpose: VisibilityPurpose,
  known: ReadonlyMap<string, VisibilityPost> = new Map(),
): Promise<Map<string, Visibility>> {
  const sourceIds = records.flatMap((r) => (r.repostOfId === undefined ? [] : [r.repostOfId]))
  const toLoad = sourceIds.filter((id) => !known.has(id))
  const loaded: Map<string, VisibilityPost> = toLoad.length > 0 ? await lookupPosts(env, toLoad) : new Map()
  const sourceOf = (r: VisibilityPost) =>
    r.repostOfId === undefined ? undefined : (known.get(r.repostOfId) ?? loaded.get(r.repostOfId))
  const posts = [...records, ...records.flatMap((r) => sourceOf(r) ?? [])]
  const authorIds = [...new Set(posts.map((p) => p.authorId))]

  const facts = (await userState(env, viewerId).relationFacts(authorIds)) ?? NO_FACTS
  const following = new Set(facts.following)
  const blocks = new Set(facts.blocks)
  const blockedBy = new Set(facts.blockedBy)
  const mutes = new Set(facts.mutes)
  const unsure = authorIds.filter(
    (a) => a !== viewerId && !following.has(a) && !blocks.has(a) && !blockedBy.has(a),
  )
  const profiles = await lookupProfiles(env, unsure)
  const protectedIds = new Set([...profiles.values()].flatMap((p) => (p.protected ? [p.id] : [])))

  const authorFacts = (authorId: string): AuthorFacts => ({
    authorId,
    authorProtected: protectedIds.has(authorId),
    viewerFollows: following.has(authorId),
    viewerBlocks: blocks.has(authorId),
    blocksViewer: blockedBy.has(authorId),
    viewerMutes: mutes.has(authorId),
  })
  const viewer = { userId: viewerId, subscriptionTier: facts.subscriptionTier }
  const decide = (p: VisibilityPost) => postVisibility(viewer, p, authorFacts(p.authorId), purpose)
  return new Map(
    records.map((r) => {
      const source = sourceOf(r)
      return [r.id, repostVisibility(decide(r), source && decide(source))]
    }),
  )
}

/** The records `viewerId` may see, in their order. */
export async function visibleRecords<P extends VisibilityPost>(
  env: Env,
  viewerId: string,
  records: readonly P[],
  purpose: VisibilityPurpose,
): Promise<P[]> {
  const visibility = await visibilityOf(env, viewerId, records, purpose)
  return records.filter((r) => visibility.get(r.id)?.visible === true)
}

/** A post reference in a write: the post id and the request field that names it. */
export interface PostRef {
  postId: string
  field: string
}

/**
 * Every write that references a post (reply, quote, repost, engagement) calls this: a post the writer may
 * not read is answered exactly like a missing one, 404 `post_not_found` naming the field.
 */
export async function requireVisiblePosts(
  env: Env,
  writerId: string,
  refs: readonly PostRef[],
  known: ReadonlyMap<string, PostRecord>,
): Promise<void> {
  const records = [...new Set(refs.map((r) => r.postId))].flatMap((id) => known.get(id) ?? [])
  const visibility = await visibilityOf(env, writerId, records, 'read', known)
  const hidden = refs.find((r) => visibility.get(r.postId)?.visible !== true)
  if (hidden !== undefined) throw postNotFound(hidden.postId, hidden.field)
}
