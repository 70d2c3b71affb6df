// What the feed routes call: run the candidate pipeline for a viewer, and record what was served.
import { execute, type RunOptions } from '../../shared/pipeline/execute.ts'
import type { PipelineTrace } from '../../shared/pipeline/trace.ts'
import type { FeedViewer } from '../../shared/types/feed.ts'
import type { Env } from '../env'
import { userState } from '../users/user-state'
import { candidatePipeline } from './candidate-pipeline'
import type { PipelineCandidate } from './feed-candidate'
import { type FeedQueryInput, newFeedQuery } from './feed-query'

export interface CandidateRun {
  viewer: FeedViewer
  nowMs: number
  /** Survivors of every pre-scoring filter, in source order. */
  candidates: PipelineCandidate[]
  trace: PipelineTrace
}

export async function runCandidatePipeline(
  env: Env,
  input: FeedQueryInput,
  opts: RunOptions = {},
): Promise<CandidateRun> {
  const result = await execute(candidatePipeline(env), newFeedQuery(env, input), opts)
  const q = result.query
  return {
    viewer: { userId: q.viewerId, history: q.history ?? [], mutualFollowIds: [...(q.mutualFollowIds ?? [])] },
    nowMs: q.nowMs,
    candidates: result.selected,
    trace: result.trace,
  }
}

/** Served ids (and impressions) on the viewer's state: later feeds leave them out for 48 h. */
export async function recordServed(
  env: Env,
  viewerId: string,
  servedIds: readonly string[],
  seenIds: readonly string[],
  at: number,
): Promise<boolean> {
  return userState(env, viewerId).recordImpressions(servedIds, seenIds, at)
}

/** Names of the pre-scoring filters that ran and passed every survivor (for explanations). */
export function filtersPassed(trace: PipelineTrace): string[] {
  const stage = trace.stages.find((s) => s.stage === 'filter')
  return (stage?.components ?? []).filter((c) => c.outcome === 'ok').map((c) => c.name)
}
