// The ranking pipeline's public entry: rank one viewer's candidates and explain every served post.
import { execute, type RunOptions } from '../pipeline/execute.ts'
import type { PipelineTrace } from '../pipeline/trace.ts'
import type { FeedCandidate, FeedViewer } from '../types/feed.ts'
import type { FeedItemExplanation } from './explanation.ts'
import type { RankingCandidate } from './ranking-candidate.ts'
import { DEFAULT_RANKING_PARAMS, type RankingParams } from './ranking-params.ts'
import { rankingPipeline } from './ranking-pipeline.ts'
import type { PhoenixScoreEngine } from './score-engine.ts'

export interface RankedFeedItem {
  post: FeedCandidate
  score: number
  explanation: FeedItemExplanation
}

export interface RankedFeed {
  /** Served order, at most `params.resultSize`. */
  items: RankedFeedItem[]
  /** The ranking pipeline's trace: every stage, every filter's removals, the truncated keys. */
  trace: PipelineTrace
  paramsVersion: string
  engine: string
}

export async function rankFeed(
  engine: PhoenixScoreEngine,
  viewer: FeedViewer,
  candidates: readonly FeedCandidate[],
  nowMs: number,
  params: RankingParams = DEFAULT_RANKING_PARAMS,
  opts: RunOptions = {},
): Promise<RankedFeed> {
  const pipeline = rankingPipeline(engine, params)
  const result = await execute(pipeline, { viewer, nowMs, params, candidates }, opts)
  const postFilters = result.trace.stages.find((s) => s.stage === 'post_selection_filter')
  const filtersPassed = (postFilters?.components ?? []).filter((c) => c.outcome === 'ok').map((c) => c.name)
  return {
    items: result.selected.map((c, position) => ({
      post: c.post,
      score: c.score ?? Number.NaN,
      explanation: explain(c, position, params, filtersPassed),
    })),
    trace: result.trace,
    paramsVersion: params.version,
    engine: engine.name,
  }
}

function explain(
  c: RankingCandidate,
  position: number,
  params: RankingParams,
  filtersPassed: string[],
): FeedItemExplanation {
  return {
    postId: c.post.postId,
    source: c.post.source,
    inNetwork: c.post.inNetwork,
    engine: c.phoenix?.engine ?? null,
    paramsVersion: params.version,
    weighted: c.weighted ?? null,
    adjustments: [...c.adjustments],
    finalScore: c.score ?? Number.NaN,
    position,
    labels: [...c.post.labels],
    visibility: c.visibility ?? { action: 'allow', reasons: [] },
    filtersPassed,
  }
}
