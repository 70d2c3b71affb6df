// Sign in as any seeded user with the dev-only login: type a handle (the ones npm start printed, or any
// author seen in a feed) or pick one used before on this browser; or create a new account (dev-only
// sign-up: the edge checks the handle and display name and signs the new user in).
import { useState } from 'preact/hooks'
import { describeError, recentHandles, signIn, signUp } from '../app/session'
import { feedError, feedState, feedStep, loadFeed } from './for-you-store'

/** Runs `enter` (sign-in or sign-up), then loads the feed; failures show in the feed's status line. */
async function enterAndLoad(step: string, enter: () => Promise<unknown>): Promise<void> {
  try {
    feedState.value = 'loading'
    feedStep.value = step
    await enter()
    await loadFeed()
  } catch (err) {
    feedError.value = describeError(err)
    feedState.value = 'error'
    feedStep.value = `failed: ${describeError(err)}`
  }
}

function CreateAccount({ busy, run }: { busy: boolean; run: (f: () => Promise<void>) => void }) {
  const [handle, setHandle] = useState('')
  const [name, setName] = useState('')
  const submit = (e: Event) => {
    e.preventDefault()
    run(() => enterAndLoad(`creating @${handle.trim().replace(/^@/, '')}…`, () => signUp(handle, name)))
  }
  return (
    <form id="signup-form" class="sign-in" onSubmit={submit}>
      <fieldset class="sign-up">
        <legend>Or create an account</legend>
        <label for="signup-handle">Handle (1–15 letters, digits or _)</label>
        <input
          id="signup-handle"
          name="handle"
          autocomplete="off"
          maxLength={16}
          value={handle}
          onInput={(e) => setHandle(e.currentTarget.value)}
        />
        <label for="signup-name">Display name</label>
        <input
          id="signup-name"
          name="displayName"
          autocomplete="off"
          maxLength={50}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <button
          id="signup-submit"
          type="submit"
          disabled={busy || handle.trim() === '' || name.trim() === ''}
        >
          Create account
        </button>
      </fieldset>
    </form>
  )
}

export function SignIn() {
  const [handle, setHandle] = useState(new URLSearchParams(location.search).get('handle') ?? '')
  const [busy, setBusy] = useState(false)
  const recent = recentHandles()
  const run = (f: () => Promise<void>) => {
    setBusy(true)
    void f().finally(() => setBusy(false))
  }
  const submit = (e: Event) => {
    e.preventDefault()
    run(() => enterAndLoad(`signing in as @${handle.trim().replace(/^@/, '')}…`, () => signIn(handle)))
  }
  return (
    <>
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
      </form>
      <CreateAccount busy={busy} run={run} />
      <p class="muted">
        The dev login and sign-up exist only when the edge runs with ENVIRONMENT dev or local (a production
        deploy has neither: <code>npm run deploy:check</code> refuses it).
      </p>
    </>
  )
}
