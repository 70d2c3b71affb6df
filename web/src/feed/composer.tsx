// Post as the signed-in user (or reply to / quote a post). After posting, the post's read route is polled
// for its Grox output: labels, annotations and whether an embedding exists, shown as "pending" until the
// edge reports them (fields the edge does not return yet stay "pending": nothing is made up here).
import { useEffect, useState } from 'preact/hooks'
import { ok } from '../api/edge-client'
import { api, describeError } from '../app/session'
import { composeTarget } from './composer-state'
import { recordEngagement } from './engage'

const MAX_CHARS = 280
const POLL_MS = 2000
const POLL_TRIES = 30

interface Posted {
  id: string
  text: string
  grox: { labels?: unknown; annotations?: unknown; embedding?: unknown }
  polling: boolean
}

function show(value: unknown): string {
  if (value === undefined) return 'pending'
  if (Array.isArray(value))
    return value.length === 0
      ? 'none'
      : value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')
  if (typeof value === 'boolean') return value ? 'ready' : 'pending'
  return JSON.stringify(value)
}

function groxOf(view: Record<string, unknown>): Posted['grox'] {
  const embedding = view.embedding ?? view.hasEmbedding
  return {
    labels: view.labels,
    annotations: view.annotations,
    embedding: Array.isArray(embedding) ? `${embedding.length} dimensions` : embedding,
  }
}

export function Composer() {
  const [text, setText] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [posted, setPosted] = useState<Posted | null>(null)
  const target = composeTarget.value

  useEffect(() => {
    if (!posted?.polling) return
    let tries = 0
    const timer = setInterval(async () => {
      tries += 1
      try {
        const view = (await ok(api.v1.posts[':id'].$get({ param: { id: posted.id } }))) as Record<
          string,
          unknown
        >
        const grox = groxOf(view)
        const done = grox.labels !== undefined && grox.embedding !== undefined
        setPosted((p) => (p ? { ...p, grox, polling: !done && tries < POLL_TRIES } : p))
      } catch {
        if (tries >= POLL_TRIES) setPosted((p) => (p ? { ...p, polling: false } : p))
      }
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [posted?.id, posted?.polling])

  async function submit(e: Event) {
    e.preventDefault()
    setBusy(true)
    setError('')
    try {
      const json =
        target.kind === 'reply'
          ? { text, replyToId: target.post.postId }
          : target.kind === 'quote'
            ? { text, quoteOfId: target.post.postId }
            : { text }
      const view = await ok(api.v1.posts.$post({ json }))
      if (target.kind !== 'post') await recordEngagement(target.post.postId, target.kind).catch(() => {})
      setPosted({
        id: view.id,
        text: view.text,
        grox: groxOf(view as Record<string, unknown>),
        polling: true,
      })
      setText('')
      composeTarget.value = { kind: 'post' }
    } catch (err) {
      setError(describeError(err))
    } finally {
      setBusy(false)
    }
  }

  const label =
    target.kind === 'post'
      ? "What's happening?"
      : `${target.kind === 'reply' ? 'Reply to' : 'Quote'} @${target.post.authorHandle}`
  return (
    <section class="composer" aria-labelledby="composer-title">
      <h2 id="composer-title" class="visually-hidden">
        Compose
      </h2>
      <form onSubmit={submit}>
        <label for="composer-text">{label}</label>
        <textarea
          id="composer-text"
          rows={2}
          maxLength={MAX_CHARS}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <div class="composer-row">
          <span class="muted">{MAX_CHARS - [...text].length} left</span>
          {target.kind !== 'post' && (
            <button type="button" onClick={() => (composeTarget.value = { kind: 'post' })}>
              Cancel {target.kind}
            </button>
          )}
          <button id="composer-post" type="submit" disabled={busy || text.trim() === ''}>
            {target.kind === 'post' ? 'Post' : target.kind === 'reply' ? 'Reply' : 'Quote'}
          </button>
        </div>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>
      {posted && (
        <div class="posted" data-post-id={posted.id} aria-live="polite">
          <p>
            Posted <q>{posted.text}</q>. Grox: labels{' '}
            <span data-grox="labels">{show(posted.grox.labels)}</span>, annotations{' '}
            <span data-grox="annotations">{show(posted.grox.annotations)}</span>, embedding{' '}
            <span data-grox="embedding">{show(posted.grox.embedding)}</span>
            {posted.polling ? ' (checking…)' : ''}
          </p>
        </div>
      )}
    </section>
  )
}
