// The Following tab: reverse-chronological posts of the accounts the viewer follows.
import { useEffect } from 'preact/hooks'
import { session } from '../app/session'
import {
  followingNote,
  followingNowMs,
  followingPosts,
  followingState,
  loadFollowing,
} from './following-store'
import { PostCard } from './post-card'

export function FollowingView() {
  const s = session.value
  useEffect(() => {
    if (s !== null) void loadFollowing()
  }, [s?.userId])
  if (s === null)
    return (
      <section id="following" aria-labelledby="following-title">
        <h2 id="following-title">Following</h2>
        <p>
          Sign in on the <a href="#/for-you">For you</a> tab first.
        </p>
      </section>
    )
  const state = followingState.value
  return (
    <section
      id="following"
      class="feed"
      aria-labelledby="following-title"
      aria-busy={state === 'loading'}
      data-state={state}
    >
      <h2 id="following-title">Following</h2>
      <div class="signed-in">
        <button type="button" onClick={() => void loadFollowing()} disabled={state === 'loading'}>
          Refresh
        </button>
      </div>
      <p class="feed-status" role="status">
        {state === 'loading' && <progress class="inline-progress" aria-label="loading" />}
        {followingNote.value}
      </p>
      <ol class="feed-items" aria-label="Following timeline">
        {followingPosts.value.map((p) => (
          <PostCard key={p.postId} post={p} nowMs={followingNowMs.value} />
        ))}
      </ol>
    </section>
  )
}
