// The For You tab: sign-in, composer, the ranked timeline (pages fetched on scroll; the edge excludes what
// was served, so each page brings new posts), and the weight controls. State lives on #feed's data-*
// attributes for the specs.
import { useEffect, useMemo, useRef } from 'preact/hooks'
import { session, signOut } from '../app/session'
import { Composer } from './composer'
import { createDwellTracker } from './dwell'
import { engageNotice } from './engage'
import {
  feedError,
  feedState,
  feedStep,
  loadFeed,
  loads,
  pages,
  reranks,
  resetFeed,
  timeline,
} from './for-you-store'
import { PostCard } from './post-card'
import { SignIn } from './sign-in'
import { WeightControls } from './weight-controls'

function MoreOnScroll() {
  const sentinel = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const node = sentinel.current
    if (!node) return
    const io = new IntersectionObserver((entries) => {
      const lastPage = pages.value.at(-1)
      const more = lastPage !== undefined && lastPage.items.length > 0
      if (entries.some((e) => e.isIntersecting) && feedState.value === 'ready' && more) void loadFeed(true)
    })
    io.observe(node)
    return () => io.disconnect()
  }, [])
  const lastPage = pages.value.at(-1)
  const ended = lastPage !== undefined && lastPage.items.length === 0
  return (
    <div ref={sentinel} class="more">
      {ended ? (
        <p class="muted">No more posts right now.</p>
      ) : (
        <button
          id="feed-more"
          type="button"
          disabled={feedState.value === 'loading'}
          onClick={() => void loadFeed(true)}
        >
          Load more
        </button>
      )}
    </div>
  )
}

export function ForYouView() {
  const s = session.value
  const dwell = useMemo(() => createDwellTracker(() => {}), [])
  useEffect(() => {
    if (s !== null && pages.value.length === 0 && feedState.value === 'idle') void loadFeed()
  }, [s?.userId])
  const state = feedState.value
  const items = timeline.value
  return (
    <div class="for-you-layout">
      <section
        id="feed"
        class="feed"
        aria-labelledby="feed-title"
        aria-busy={state === 'loading'}
        data-state={state}
        data-viewer-id={s?.userId}
        data-error={feedError.value ?? undefined}
        data-loads={loads.value}
        data-reranks={reranks.value}
      >
        <h2 id="feed-title">For you</h2>
        {s === null ? (
          <SignIn />
        ) : (
          <>
            <div class="signed-in">
              <span>
                Signed in as <strong>@{s.handle}</strong>
              </span>
              <button
                id="feed-refresh"
                type="button"
                disabled={state === 'loading'}
                onClick={() => void loadFeed()}
              >
                Refresh
              </button>
              <button
                type="button"
                onClick={() => {
                  signOut()
                  resetFeed()
                }}
              >
                Sign out
              </button>
            </div>
            <Composer />
          </>
        )}
        <p id="feed-status" class="feed-status" role="status">
          {state === 'loading' && <progress class="inline-progress" aria-label="loading the feed" />}
          {feedStep.value || (s === null ? 'Sign in to rank a For You feed in this browser.' : '')}
        </p>
        <p class="visually-hidden" aria-live="polite">
          {engageNotice.value}
        </p>
        <ol id="feed-items" class="feed-items" aria-label="For you timeline">
          {items.map(({ item, nowMs }) => (
            <PostCard
              key={item.post.postId}
              post={item.post}
              nowMs={nowMs}
              ranked={item}
              observe={dwell.observe}
            />
          ))}
        </ol>
        {s !== null && pages.value.length > 0 && <MoreOnScroll />}
      </section>
      <aside class="side" aria-label="Ranking controls">
        <WeightControls />
      </aside>
    </div>
  )
}
