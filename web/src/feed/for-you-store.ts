// The For You timeline's state: pages loaded through the browser flow (each a further request: the edge
// excludes what was served, so it brings new posts), the ranking parameters, and local re-ranking from the
// cached predictions when the weights change (no edge call, no model run).
import { computed, signal } from '@preact/signals'
import { type RankedFeedItem, rankFeed } from '../../../shared/ranking/rank-feed.ts'
import { DEFAULT_RANKING_PARAMS, type RankingParams } from '../../../shared/ranking/ranking-params.ts'
import type { FeedCandidate, FeedViewer } from '../../../shared/types/feed.ts'
import { phoenixEngine } from '../app/engine'
import { describeError, me, recordTiming } from '../app/session'
import { feedApi } from './feed-api'
import { type ForYouFeed, loadForYouFeed } from './load-for-you-feed'

export interface FeedPage {
  viewer: FeedViewer
  nowMs: number
  candidates: FeedCandidate[]
  items: RankedFeedItem[]
  feed: ForYouFeed
}

export type FeedState = 'idle' | 'loading' | 'ready' | 'error'

export const feedState = signal<FeedState>('idle')
export const feedStep = signal('')
export const feedError = signal<string | null>(null)
export const pages = signal<FeedPage[]>([])
/** Completed loads (first page, refreshes and further pages). */
export const loads = signal(0)
export const params = signal<RankingParams>(DEFAULT_RANKING_PARAMS)
/** Posts hidden on this page after an action (not interested, or their author blocked or muted). */
export const hiddenPosts = signal<ReadonlySet<string>>(new Set())
export const hiddenAuthors = signal<ReadonlySet<string>>(new Set())
/** Local re-ranks done since the last load (the specs check one happened without a request). */
export const reranks = signal(0)

/** Every shown item in page order, without hidden ones or repeats. */
export const timeline = computed(() => {
  const seen = new Set<string>()
  const out: { item: RankedFeedItem; nowMs: number }[] = []
  for (const page of pages.value)
    for (const item of page.items) {
      const id = item.post.postId
      if (seen.has(id) || hiddenPosts.value.has(id) || hiddenAuthors.value.has(item.post.authorId)) continue
      seen.add(id)
      out.push({ item, nowMs: page.nowMs })
    }
  return out
})

const api = feedApi('', { onTiming: recordTiming })
let inFlight: Promise<void> | undefined

/** `more`: append the next page (infinite scroll); otherwise replace the timeline (sign-in, refresh). */
export function loadFeed(more = false): Promise<void> {
  inFlight ??= load(more).finally(() => {
    inFlight = undefined
  })
  return inFlight
}

async function load(more: boolean): Promise<void> {
  feedError.value = null
  feedState.value = 'loading'
  try {
    const session = me()
    feedStep.value = 'loading the ranker and user tower…'
    const engine = await phoenixEngine()
    const last = pages.value.at(-1)
    const feed = await loadForYouFeed({
      api,
      engine: engine.feed,
      token: session.token,
      knownViewer: last?.viewer.userId === session.userId ? last.viewer : undefined,
      params: params.value,
      onStep: (text) => {
        feedStep.value = text
      },
    })
    const page: FeedPage = {
      viewer: feed.viewer,
      nowMs: feed.nowMs,
      candidates: feed.candidates,
      items: feed.items,
      feed,
    }
    pages.value = more ? [...pages.value, page] : [page]
    // A refresh shows what the edge sends: a blocked author is gone because the edge filtered them.
    if (!more) {
      hiddenPosts.value = new Set()
      hiddenAuthors.value = new Set()
    }
    loads.value += 1
    reranks.value = 0
    feedState.value = 'ready'
    feedStep.value = summary(feed)
  } catch (e) {
    feedError.value = describeError(e)
    feedState.value = 'error'
    feedStep.value = `failed: ${describeError(e)}`
  }
}

function summary(feed: ForYouFeed): string {
  const sources = Object.entries(feed.candidatesBySource)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ')
  const t = feed.timingsMs
  const ms = (n: number) => `${Math.round(n)} ms`
  return (
    `${feed.items.length} posts ranked from ${sources || 'no'} candidates; ${feed.servedIds.length} reported served. ` +
    `User tower ${ms(t.userTower)}, candidates ${ms(t.candidates)}, ranking ${ms(t.rank)}, served ${ms(t.served)}.`
  )
}

/** Ranks every loaded page again with `next` from the cached predictions: no edge call, no model run. */
export async function rerank(next: RankingParams): Promise<void> {
  params.value = next
  if (pages.value.length === 0) return
  const engine = await phoenixEngine()
  const ranked = await Promise.all(
    pages.value.map(async (p) => ({
      ...p,
      items: (await rankFeed(engine.feed, p.viewer, p.candidates, p.nowMs, next)).items,
    })),
  )
  pages.value = ranked
  reranks.value += 1
}

export function hidePost(postId: string): void {
  hiddenPosts.value = new Set([...hiddenPosts.value, postId])
}
export function hideAuthor(authorId: string): void {
  hiddenAuthors.value = new Set([...hiddenAuthors.value, authorId])
}

export function resetFeed(): void {
  pages.value = []
  feedState.value = 'idle'
  feedStep.value = ''
  hiddenAuthors.value = new Set()
  hiddenPosts.value = new Set()
}
