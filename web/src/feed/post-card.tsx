// One post in a timeline: author, handle, relative time, network badge, text, a media placeholder, counts,
// an interstitial when visibility says so, the engagement controls and (For You) "Why this post".
import { useEffect, useRef, useState } from 'preact/hooks'
import type { RankedFeedItem } from '../../../shared/ranking/rank-feed.ts'
import type { FeedCandidate } from '../../../shared/types/feed.ts'
import { EngagementBar } from './engagement-bar'
import { compactCount, fmt, relativeTime } from './format'
import { WhyThisPost } from './why-this-post'

const MEDIA_NAMES = { image: 'Image', video: 'Video', gif: 'GIF' } as const

export interface PostCardProps {
  post: FeedCandidate
  nowMs: number
  /** For You items carry their ranking; Following items do not. */
  ranked?: RankedFeedItem
  observe?: (node: Element, postId: string) => () => void
}

function Counts({ post }: { post: FeedCandidate }) {
  const c = post.counts
  const parts: [string, number][] = [
    ['replies', c.reply],
    ['reposts', c.repost],
    ['quotes', c.quote],
    ['likes', c.favorite],
    ['views', c.view],
  ]
  return (
    <ul class="counts" aria-label="Counts">
      {parts.map(([name, n]) => (
        <li key={name}>
          <span class="count-n">{compactCount(n)}</span> {name}
        </li>
      ))}
    </ul>
  )
}

export function PostCard({ post, nowMs, ranked, observe }: PostCardProps) {
  const node = useRef<HTMLLIElement>(null)
  const x = ranked?.explanation
  const [revealed, setRevealed] = useState(x?.visibility.action !== 'interstitial')
  useEffect(() => (node.current && observe ? observe(node.current, post.postId) : undefined), [post.postId])
  const network = post.inNetwork ? 'in-network' : 'out-of-network'
  const titleId = `post-${post.postId}-author`
  return (
    <li
      ref={node}
      class="feed-item"
      aria-labelledby={titleId}
      data-post-id={post.postId}
      data-author-id={post.authorId}
      data-in-network={post.inNetwork}
      data-source={post.source}
      data-score={ranked?.score}
      data-position={x?.position}
      data-final-score={x?.finalScore}
      data-visibility={x?.visibility.action}
    >
      <div class="byline">
        <span class="avatar" aria-hidden="true">
          {(post.authorDisplayName || post.authorHandle).slice(0, 1).toUpperCase()}
        </span>
        <span id={titleId} class="author">
          <strong>{post.authorDisplayName || post.authorHandle}</strong>{' '}
          <span class="handle">@{post.authorHandle}</span>
        </span>
        <time class="when" dateTime={new Date(post.createdAtMs).toISOString()}>
          {relativeTime(post.createdAtMs, nowMs)}
        </time>
        <span class={`badge ${network}`}>{post.inNetwork ? 'following' : 'suggested'}</span>
        {post.isRepost && <span class="badge">repost</span>}
        {post.isReply && <span class="badge">reply</span>}
        {post.isQuote && <span class="badge">quote</span>}
        {ranked && <span class="score">score {fmt(ranked.score)}</span>}
      </div>
      {revealed ? (
        <div class="post-body">
          <p class="text">{post.text || '(no text)'}</p>
          {post.media !== 'none' && (
            <div
              class={`media media-${post.media}`}
              role="img"
              aria-label={`${MEDIA_NAMES[post.media]} (placeholder)`}
            >
              {MEDIA_NAMES[post.media]}
              {post.videoDurationMs ? ` · ${Math.round(post.videoDurationMs / 1000)} s` : ''}
            </div>
          )}
        </div>
      ) : (
        <div class="interstitial" role="note">
          <p>This post may include sensitive content ({x?.visibility.reasons.join(', ') || 'labelled'}).</p>
          <button type="button" class="reveal" onClick={() => setRevealed(true)}>
            Show post
          </button>
        </div>
      )}
      <Counts post={post} />
      <EngagementBar post={post} />
      {x && <WhyThisPost x={x} />}
    </li>
  )
}
