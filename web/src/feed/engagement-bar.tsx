// The engagement controls under a post: each one records a real engagement through the typed client (see
// engage.ts); reply and quote open the composer pointed at this post. Buttons say their state (aria-pressed).
import type { DiscreteAction } from '../../../shared/phoenix/actions.ts'
import type { FeedCandidate } from '../../../shared/types/feed.ts'
import { composeTarget } from './composer-state'
import { engage, engaged, repost } from './engage'

interface Control {
  action: DiscreteAction
  label: string
}

const SHARE: Control[] = [
  { action: 'share', label: 'Share' },
  { action: 'share_via_dm', label: 'Send via DM' },
  { action: 'share_via_copy_link', label: 'Copy link' },
]

const MORE: Control[] = [
  { action: 'follow_author', label: 'Follow' },
  { action: 'not_interested', label: 'Not interested' },
  { action: 'mute_author', label: 'Mute' },
  { action: 'block_author', label: 'Block' },
  { action: 'report', label: 'Report' },
]

export function EngagementBar({ post }: { post: FeedCandidate }) {
  const done = engaged.value.get(post.postId) ?? new Set<string>()
  const button = (c: Control, onClick = () => void engage(post, c.action)) => (
    <button
      type="button"
      class={`action action-${c.action}`}
      data-action={c.action}
      aria-pressed={done.has(c.action)}
      onClick={onClick}
    >
      {c.label}
      {c.action === 'follow_author' || c.action === 'mute_author' || c.action === 'block_author'
        ? ` @${post.authorHandle}`
        : ''}
    </button>
  )
  return (
    <fieldset class="actions">
      <legend class="visually-hidden">Actions on @{post.authorHandle}'s post</legend>
      {button({ action: 'reply', label: 'Reply' }, () => {
        composeTarget.value = { kind: 'reply', post }
      })}
      {button({ action: 'repost', label: 'Repost' }, () => void repost(post))}
      {button({ action: 'quote', label: 'Quote' }, () => {
        composeTarget.value = { kind: 'quote', post }
      })}
      {button({ action: 'favorite', label: done.has('favorite') ? 'Liked' : 'Like' })}
      <details class="menu">
        <summary>Share</summary>
        <div class="menu-items">{SHARE.map((c) => button(c))}</div>
      </details>
      <details class="menu">
        <summary>More</summary>
        <div class="menu-items">{MORE.map((c) => button(c))}</div>
      </details>
    </fieldset>
  )
}
