// One For You load in the browser: the viewer's user-tower embedding on the worker pool → the edge's
// candidate pipeline (POST /v1/feed/candidates, retrieval driven by that embedding) → the ranking pipeline
// here, on the pool's Phoenix engine → the served ids back to the edge (POST /v1/feed/served).
import type { PipelineTrace } from '../../../shared/pipeline/trace.ts'
import { type RankedFeedItem, rankFeed } from '../../../shared/ranking/rank-feed.ts'
import { DEFAULT_RANKING_PARAMS, type RankingParams } from '../../../shared/ranking/ranking-params.ts'
import type { PhoenixScoreEngine } from '../../../shared/ranking/score-engine.ts'
import type { FeedCandidate, FeedSource, FeedViewer } from '../../../shared/types/feed.ts'
import type { FeedApi } from './feed-api'

/** What the feed needs from the Phoenix runtime: ranking scores and the user tower. */
export interface FeedEngine extends PhoenixScoreEngine {
  userEmbedding(viewer: FeedViewer): Promise<Float32Array>
}

export interface LoadForYouFeedInput {
  api: FeedApi
  engine: FeedEngine
  /** The viewer's user token (the route serves a token its own feed). */
  token: string
  /**
   * The viewer features of this viewer's previous load. The user tower needs the engagement history, which
   * only the candidates route returns; without it, one candidates call without an embedding fetches it.
   */
  knownViewer?: FeedViewer
  excludeVideos?: boolean
  /** The ranking parameters (the page's weight controls); upstream's defaults otherwise. */
  params?: RankingParams
  /** Told before each step starts, for a progress line. */
  onStep?: (step: string) => void
}

export interface ForYouFeed {
  /** Fresh viewer features from this load: pass them as `knownViewer` next time. */
  viewer: FeedViewer
  /** The edge's evaluation time, also used for ranking (post ages). */
  nowMs: number
  items: RankedFeedItem[]
  /** Every candidate the edge returned: the page re-ranks them locally when the weights change. */
  candidates: FeedCandidate[]
  /** The candidate pipeline's trace, as the edge sent it. */
  candidateTrace: unknown
  /** Candidates the edge returned, per source. */
  candidatesBySource: Partial<Record<FeedSource, number>>
  servedIds: string[]
  engine: string
  paramsVersion: string
  /** Whether this load had to fetch the viewer features first (no `knownViewer`). */
  bootstrapped: boolean
  timingsMs: { userTower: number; candidates: number; rank: number; served: number }
  rankingTrace: PipelineTrace
}

const since = (t0: number) => performance.now() - t0

function countBySource(candidates: readonly FeedCandidate[]): Partial<Record<FeedSource, number>> {
  const out: Partial<Record<FeedSource, number>> = {}
  for (const c of candidates) out[c.source] = (out[c.source] ?? 0) + 1
  return out
}

export async function loadForYouFeed(input: LoadForYouFeedInput): Promise<ForYouFeed> {
  const { api, engine, token } = input
  const excludeVideos = input.excludeVideos ?? false
  const step = input.onStep ?? (() => {})
  let viewer = input.knownViewer
  const bootstrapped = viewer === undefined
  let t0 = performance.now()
  if (viewer === undefined) {
    step('fetching the viewer history…')
    viewer = (await api.candidates(token, { excludeVideos })).viewer
  }
  const bootstrapMs = since(t0)

  step('embedding the viewer (user tower)…')
  t0 = performance.now()
  const embedding = await engine.userEmbedding(viewer)
  const userTower = since(t0)

  step('fetching candidates…')
  t0 = performance.now()
  const edge = await api.candidates(token, { excludeVideos, userEmbedding: Array.from(embedding) })
  const candidates = bootstrapMs + since(t0)

  step(`ranking ${edge.candidates.length} candidates…`)
  t0 = performance.now()
  const ranked = await rankFeed(
    engine,
    edge.viewer,
    edge.candidates,
    edge.nowMs,
    input.params ?? DEFAULT_RANKING_PARAMS,
  )
  const rank = since(t0)

  const servedIds = ranked.items.map((i) => i.post.postId)
  step('reporting served posts…')
  t0 = performance.now()
  if (servedIds.length > 0) await api.served(token, { servedIds })
  const served = since(t0)

  return {
    viewer: edge.viewer,
    nowMs: edge.nowMs,
    items: ranked.items,
    candidates: edge.candidates,
    candidateTrace: edge.trace,
    candidatesBySource: countBySource(edge.candidates),
    servedIds,
    engine: ranked.engine,
    paramsVersion: ranked.paramsVersion,
    bootstrapped,
    timingsMs: { userTower, candidates, rank, served },
    rankingTrace: ranked.trace,
  }
}
