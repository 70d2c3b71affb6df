// GET /v1/feed: the candidate pipeline, a cheap bounded pre-rank, then the ranking pipeline with the
// TypeScript reference engine, for clients without a browser. Served ids are recorded like POST /served.

import type { PipelineTrace } from '../../shared/pipeline/trace.ts'
import type { RankedFeedItem } from '../../shared/ranking/rank-feed.ts'
import { rankFeed } from '../../shared/ranking/rank-feed.ts'
import type { FeedViewer } from '../../shared/types/feed.ts'
import type { Env } from '../env'
import { edgeModels } from '../models/edge-models'
import { type PipelineCandidate, toFeedCandidate } from './feed-candidate'
import { filtersPassed, recordServed, runCandidatePipeline } from './feed-service'

/** Candidates the reference ranker scores per request (a forward pass per candidate on the CPU). */
export const EDGE_RANK_MAX_CANDIDATES = 200

/**
 * The cheap pre-rank: round-robin over the sources, each in its own order (Thunder newest first, retrieval
 * best match first, popular most engaged first), so both networks reach the ranker.
 */
export function preRank(candidates: readonly PipelineCandidate[], max: number): PipelineCandidate[] {
  const bySource = new Map<string, PipelineCandidate[]>()
  for (const c of candidates) {
    const list = bySource.get(c.source)
    if (list) list.push(c)
    else bySource.set(c.source, [c])
  }
  const lists = [...bySource.values()]
  const out: PipelineCandidate[] = []
  for (let i = 0; out.length < max && lists.some((l) => i < l.length); i++) {
    for (const l of lists) {
      const c = l[i]
      if (c !== undefined && out.length < max) out.push(c)
    }
  }
  return out
}

export interface EdgeFeed {
  viewer: FeedViewer
  nowMs: number
  items: RankedFeedItem[]
  engine: string
  paramsVersion: string
  candidateTrace: PipelineTrace
  rankingTrace: PipelineTrace
}

export async function rankedFeedAtEdge(
  env: Env,
  input: { viewerId: string; nowMs: number; excludeVideos: boolean },
): Promise<EdgeFeed> {
  const run = await runCandidatePipeline(env, { ...input, computeUserEmbedding: true })
  const models = await edgeModels(env)
  const pool = preRank(run.candidates, EDGE_RANK_MAX_CANDIDATES).map(toFeedCandidate)
  const ranked = await rankFeed(models.scoreEngine, run.viewer, pool, run.nowMs)
  const edgeFilters = filtersPassed(run.trace)
  const items = ranked.items.map((item) => ({
    ...item,
    explanation: { ...item.explanation, filtersPassed: [...edgeFilters, ...item.explanation.filtersPassed] },
  }))
  if (items.length > 0) {
    await recordServed(
      env,
      input.viewerId,
      items.map((i) => i.post.postId),
      [],
      run.nowMs,
    )
  }
  return {
    viewer: run.viewer,
    nowMs: run.nowMs,
    items,
    engine: ranked.engine,
    paramsVersion: ranked.paramsVersion,
    candidateTrace: run.trace,
    rankingTrace: ranked.trace,
  }
}
