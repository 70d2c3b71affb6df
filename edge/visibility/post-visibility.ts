// Who may see and touch a post: the one rule every read path and every write that references a post
// applies (edge/README.md, "Visibility, protected accounts, blocks and mutes"). Pure: the callers load the
// facts (visibility-facts.ts for the API, the feed's query and author hydrators for the pipeline).
import type { SubscriptionTier } from '../../shared/types/account.ts'

/** `read`: a direct read or a write that references the post; `timeline`: in-network lists and the feed. */
export type VisibilityPurpose = 'read' | 'timeline'

export interface Viewer {
  userId: string
  subscriptionTier: SubscriptionTier
}

/** The post's author as seen from the viewer. */
export interface AuthorFacts {
  authorId: string
  authorProtected: boolean
  viewerFollows: boolean
  viewerBlocks: boolean
  blocksViewer: boolean
  viewerMutes: boolean
}

export type HiddenReason = 'blocked_by_author' | 'blocks_author' | 'protected' | 'subscriber_only' | 'muted'

export type Visibility = { visible: true } | { visible: false; reason: HiddenReason }

const VISIBLE: Visibility = Object.freeze({ visible: true })
const hidden = (reason: HiddenReason): Visibility => ({ visible: false, reason })

/**
 * Whether `viewer` may see `post` (and so reply to, quote, repost or engage with it). Hidden posts are
 * answered as not found, so a post's existence does not leak. The first matching rule decides:
 * - the author always sees their own posts;
 * - a block either way hides everything (X shows a blocked account's posts to the blocker only behind a
 *   "you blocked this account" screen; an API has no such screen);
 * - a protected account's posts are for its approved followers only;
 * - a subscriber-only post needs a paid tier (we keep no per-author subscriptions, so any tier but `none`);
 * - a muted author stays readable directly but leaves timelines (in-network lists and the feed).
 */
export function postVisibility(
  viewer: Viewer,
  post: { authorId: string; subscriberOnly: boolean },
  author: AuthorFacts,
  purpose: VisibilityPurpose,
): Visibility {
  if (post.authorId === viewer.userId) return VISIBLE
  if (author.blocksViewer) return hidden('blocked_by_author')
  if (author.viewerBlocks) return hidden('blocks_author')
  if (author.authorProtected && !author.viewerFollows) return hidden('protected')
  if (post.subscriberOnly && viewer.subscriptionTier === 'none') return hidden('subscriber_only')
  if (purpose === 'timeline' && author.viewerMutes) return hidden('muted')
  return VISIBLE
}

/** A repost shows its original, so it is visible only when both are (a missing original is the store's). */
export function repostVisibility(repost: Visibility, original: Visibility | undefined): Visibility {
  if (!repost.visible) return repost
  return original ?? repost
}
