// The page's "For You" section: sign in as a demo handle (dev login), load the feed through the browser
// flow (loadForYouFeed), show which Phoenix engine ran and why it fell back, and list the ranked posts.
// Minimal on purpose: issue 13 builds the product UI. State lives on #feed's data-* attributes for the specs.
import type { FeedViewer } from '../../../shared/types/feed.ts'
import { createPhoenixEngine } from '../phoenix/create-engine'
import type { PoolPhoenixEngine } from '../phoenix/phoenix-engine'
import { detectCapabilities } from '../pool/backend'
import { createOrtPool, type OrtPool } from '../pool/pool'
import { fmt } from './dom'
import { FeedApiError, feedApi } from './feed-api'
import { feedItemView } from './feed-item-view'
import { type ForYouFeed, loadForYouFeed } from './load-for-you-feed'

interface Session {
  handle: string
  userId: string
  token: string
  /** Viewer features of the last load, so the next one skips the bootstrap call. */
  viewer?: FeedViewer
}

function need<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id)
  if (!node) throw new Error(`#${id} is missing from index.html`)
  return node as T
}

function describeError(e: unknown): string {
  if (e instanceof FeedApiError) return `${e.message} (${e.code}${e.field ? `, field ${e.field}` : ''})`
  return e instanceof Error ? e.message : String(e)
}

function showEngine(target: HTMLElement, engine: PoolPhoenixEngine): void {
  const b = engine.backend
  const models = Object.entries(b.models)
    .map(([m, p]) => `${m}: ${p}`)
    .join(', ')
  target.textContent = `${engine.name} — ${b.provider === 'webgpu' ? 'WebGPU' : 'WASM'} (${models})`
  if (b.fallbackReason !== undefined) target.textContent += `; fallback: ${b.fallbackReason}`
  target.dataset.engine = engine.name
  target.dataset.provider = b.provider
  target.dataset.fallbackReason = b.fallbackReason ?? ''
}

function summary(feed: ForYouFeed): string {
  const sources = Object.entries(feed.candidatesBySource)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ')
  const t = feed.timingsMs
  return (
    `${feed.items.length} posts ranked from ${sources || 'no'} candidates; ${feed.servedIds.length} reported served. ` +
    `user tower ${fmt(t.userTower)} ms, candidates ${fmt(t.candidates)} ms${feed.bootstrapped ? ' (incl. fetching the viewer history)' : ''}, ` +
    `ranking ${fmt(t.rank)} ms, served ${fmt(t.served)} ms · ${feed.paramsVersion}`
  )
}

/** `?feedPool=N` sizes the feed's worker pool (default: the pool's own choice); the specs keep it small. */
function poolOption(): { pool?: OrtPool } {
  const size = Number(new URLSearchParams(location.search).get('feedPool'))
  return Number.isInteger(size) && size > 0 ? { pool: createOrtPool({ size }) } : {}
}

export function mountFeedSection(): void {
  const root = need<HTMLElement>('feed')
  const form = need<HTMLFormElement>('feed-form')
  const handleInput = need<HTMLInputElement>('feed-handle')
  const button = need<HTMLButtonElement>('feed-load')
  const status = need<HTMLElement>('feed-status')
  const engineRow = need<HTMLElement>('feed-engine')
  const list = need<HTMLOListElement>('feed-items')
  const api = feedApi()
  let session: Session | undefined
  let engine: Promise<PoolPhoenixEngine> | undefined

  const fromQuery = new URLSearchParams(location.search).get('handle')
  if (fromQuery) handleInput.value = fromQuery

  const setState = (state: string, text: string) => {
    root.dataset.state = state
    status.textContent = text
  }

  async function load(): Promise<void> {
    delete root.dataset.error
    const handle = handleInput.value.trim().replace(/^@/, '')
    if (handle === '') throw new FeedApiError(400, 'invalid_request', 'enter a demo handle', 'handle')
    if (session?.handle !== handle) {
      setState('loading', `signing in as @${handle}…`)
      const signedIn = await api.devLogin(handle)
      session = { handle, userId: signedIn.userId, token: signedIn.token }
      root.dataset.viewerId = signedIn.userId
    }
    setState('loading', 'loading the ranker and user tower…')
    engine ??= detectCapabilities().then((caps) => createPhoenixEngine(caps, poolOption()))
    const ready = await engine.catch((e: unknown) => {
      engine = undefined // a later click may try again
      throw e
    })
    showEngine(engineRow, ready)
    const feed = await loadForYouFeed({
      api,
      engine: ready,
      token: session.token,
      knownViewer: session.viewer,
      onStep: (text) => setState('loading', text),
    })
    session.viewer = feed.viewer
    list.replaceChildren(...feed.items.map(feedItemView))
    root.dataset.loads = String(Number(root.dataset.loads ?? '0') + 1)
    setState('ready', summary(feed))
    button.textContent = 'Refresh'
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    button.disabled = true
    load()
      .catch((e: unknown) => {
        root.dataset.error = describeError(e)
        setState('error', `failed: ${describeError(e)}`)
      })
      .finally(() => {
        button.disabled = false
      })
  })
  root.dataset.state = 'idle'
}
