// Sign in as any seeded user with the dev-only login: type a handle (the ones npm start printed, or any
// author seen in a feed) or pick one used before on this browser.
import { useState } from 'preact/hooks'
import { describeError, recentHandles, signIn } from '../app/session'
import { feedError, feedState, feedStep, loadFeed } from './for-you-store'

export function SignIn() {
  const [handle, setHandle] = useState(new URLSearchParams(location.search).get('handle') ?? '')
  const [busy, setBusy] = useState(false)
  const recent = recentHandles()
  async function submit(e: Event) {
    e.preventDefault()
    setBusy(true)
    try {
      feedState.value = 'loading'
      feedStep.value = `signing in as @${handle.trim().replace(/^@/, '')}…`
      await signIn(handle)
      await loadFeed()
    } catch (err) {
      feedError.value = describeError(err)
      feedState.value = 'error'
      feedStep.value = `failed: ${describeError(err)}`
    } finally {
      setBusy(false)
    }
  }
  return (
    <form id="feed-form" class="sign-in" onSubmit={submit}>
      <label for="feed-handle">Sign in as a demo user (handle)</label>
      <div class="sign-in-row">
        <input
          id="feed-handle"
          name="handle"
          autocomplete="off"
          list="recent-handles"
          placeholder="a handle npm start printed"
          value={handle}
          onInput={(e) => setHandle(e.currentTarget.value)}
        />
        <button id="feed-load" type="submit" disabled={busy}>
          Sign in
        </button>
      </div>
      <datalist id="recent-handles">
        {recent.map((h) => (
          <option key={h} value={h} />
        ))}
      </datalist>
      <p class="muted">
        The dev login exists only when the edge runs with ENVIRONMENT dev or local. Creating a new account
        from the page is planned (the edge has no self-service sign-up route yet).
      </p>
    </form>
  )
}
