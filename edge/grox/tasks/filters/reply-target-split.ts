// The checks the spam-comment and reply-ranking filters share (seed 000), and the follower threshold that
// splits replies between them: spam detection for replies to small accounts, reply ranking for replies
// in a high-follower thread. Upstream's value is redacted; 1,000 is the top of its spam follower buckets.
import type { GroxPost } from '../../core/types'
import type { PostThread } from '../task-workspace'
import { type Eligibility, skip } from './task-filter'

export const FOLLOWER_COUNT_THRESHOLD = 1000

/** Follower counts of the direct parent's and the root's authors (0 when unknown, as upstream's `or 0`). */
export function targetFollowers(thread: PostThread): { parent: number; root: number } {
  const parent = thread.ancestors.at(-1)?.author?.followersCount ?? 0
  const root = thread.ancestors[0]?.author?.followersCount ?? 0
  return { parent, root }
}

/** Reply, known author, not a system account, parent and root authors known and not the replier. */
export function replyChecks(post: GroxPost, thread: PostThread): Eligibility {
  if (thread.ancestors.length === 0 || post.replyToId === undefined) return skip('not_reply')
  if (!thread.author) return skip('no_user')
  if (thread.author.id === '0') return skip('is_system_account')
  const parent = thread.ancestors.at(-1)!
  if (!parent.author) return skip('previous_post_no_user')
  if (parent.author.id === thread.author.id) return skip('same_user_reply')
  const root = thread.ancestors[0]!
  if (!root.author) return skip('root_post_no_user')
  if (root.author.id === thread.author.id) return skip('same_user_reply_as_root')
  return true
}
