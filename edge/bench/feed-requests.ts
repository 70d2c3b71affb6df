// The feed benchmark's HTTP part: the candidate pipeline (POST /v1/feed/candidates) interleaved with
// Thunder fan-out alone (GET /v1/users/{viewer}/in-network) on the same store, and GET /v1/feed end to
// end. Per-stage times come from the pipeline traces the responses carry.
import { z } from 'zod'
import type { StageName } from '../../shared/pipeline/trace.ts'
import { feedCandidatesResponse } from '../../shared/types/api/feed.ts'
import { inNetworkResponse } from '../../shared/types/api/thunder.ts'
import type { FeedCandidate, FeedViewer } from '../../shared/types/feed.ts'
import { admin, type LocalWorker, timed } from './local-worker'

/** The stage groups reported; query hydration covers both waves. */
export const STAGE_GROUPS: [string, StageName[]][] = [
  ['query hydration', ['query_hydrator', 'dependent_query_hydrator']],
  ['sources', ['source']],
  ['hydrators', ['hydrator']],
  ['filters', ['filter']],
]

/** A pipeline trace as it crosses HTTP: only what the benchmark reads is checked. */
const traceShape = z.object({
  durationMs: z.number(),
  stages: z.array(z.object({ stage: z.string(), durationMs: z.number(), outputCount: z.number() })),
})
type TraceTimes = z.infer<typeof traceShape>

export function stageMs(trace: TraceTimes, stages: readonly string[]): number {
  return trace.stages.filter((s) => stages.includes(s.stage)).reduce((ms, s) => ms + s.durationMs, 0)
}

/** Candidates per source in a candidate list. */
export function bySource(candidates: readonly FeedCandidate[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const c of candidates) out[c.source] = (out[c.source] ?? 0) + 1
  return out
}

/** One kind of candidate request: with or without a user-tower embedding, with or without source caps. */
export interface CandidateVariant {
  name: string
  embedding?: readonly number[] | undefined
  sourceLimits?: { thunder?: number; retrieval?: number; popular?: number } | undefined
}

export interface CandidateRuns {
  variant: CandidateVariant
  /** Round trip, ms, per measured request. */
  client: number[]
  traces: TraceTimes[]
  /** The last response: the viewer and candidates the ranking part reuses. */
  viewer: FeedViewer
  candidates: FeedCandidate[]
  nowMs: number
}

export interface FanOutRuns {
  client: number[]
  /** fanOutMs reported by the Worker. */
  server: number[]
  posts: number
}

export async function candidatesOnce(dev: LocalWorker, viewerId: string, variant: CandidateVariant) {
  const body = {
    viewerId,
    ...(variant.embedding === undefined ? {} : { userEmbedding: variant.embedding }),
    ...(variant.sourceLimits === undefined ? {} : { sourceLimits: variant.sourceLimits }),
  }
  const [ms, reply] = await timed(() => admin(dev, 'POST', '/v1/feed/candidates', body))
  const parsed = feedCandidatesResponse.parse(reply)
  return { ms, ...parsed, trace: traceShape.parse(parsed.trace) }
}

/**
 * `requests` rounds after `warmUp`, each round one request of every kind in turn, so a busy machine
 * slows them alike: fan-out alone, then the candidate pipeline once per variant.
 */
export async function measureCandidates(
  dev: LocalWorker,
  viewerId: string,
  variants: readonly CandidateVariant[],
  requests: number,
  warmUp: number,
): Promise<{ fanOut: FanOutRuns; candidates: CandidateRuns[] }> {
  const fanOut: FanOutRuns = { client: [], server: [], posts: 0 }
  const runs: (CandidateRuns | undefined)[] = variants.map(() => undefined)
  for (let i = -warmUp; i < requests; i++) {
    const [ms, reply] = await timed(() => admin(dev, 'GET', `/v1/users/${viewerId}/in-network`))
    const thunder = inNetworkResponse.parse(reply)
    if (i >= 0) {
      fanOut.client.push(ms)
      fanOut.server.push(thunder.fanOutMs)
      fanOut.posts = thunder.posts.length
    }
    if (i > 0 && i % 25 === 0) process.stderr.write(`[bench:feed]   round ${i}/${requests}\n`)
    for (const [v, variant] of variants.entries()) {
      const r = await candidatesOnce(dev, viewerId, variant)
      if (i < 0) continue
      const run = runs[v] ?? {
        variant,
        client: [],
        traces: [],
        viewer: r.viewer,
        candidates: [],
        nowMs: r.nowMs,
      }
      run.client.push(r.ms)
      run.traces.push(r.trace)
      Object.assign(run, { viewer: r.viewer, candidates: r.candidates, nowMs: r.nowMs })
      runs[v] = run
    }
  }
  return { fanOut, candidates: runs.filter((r): r is CandidateRuns => r !== undefined) }
}

const feedReply = z.object({
  items: z.array(z.unknown()),
  engine: z.string(),
  candidateTrace: traceShape,
  rankingTrace: traceShape,
})

export interface FeedRuns {
  client: number[]
  candidateMs: number[]
  rankingMs: number[]
  items: number
  ranked: number
  engine: string
}

/** GET /v1/feed end to end; each call records its items as served, as a client's would. */
export async function measureFeed(
  dev: LocalWorker,
  viewerId: string,
  requests: number,
  warmUp: number,
): Promise<FeedRuns> {
  const out: FeedRuns = { client: [], candidateMs: [], rankingMs: [], items: 0, ranked: 0, engine: '' }
  for (let i = -warmUp; i < requests; i++) {
    const [ms, reply] = await timed(() => admin(dev, 'GET', `/v1/feed?viewerId=${viewerId}`))
    if (i < 0) continue
    const feed = feedReply.parse(reply)
    if ((i + 1) % 10 === 0) process.stderr.write(`[bench:feed]   GET /v1/feed ${i + 1}/${requests}\n`)
    out.client.push(ms)
    out.candidateMs.push(feed.candidateTrace.durationMs)
    out.rankingMs.push(feed.rankingTrace.durationMs)
    out.items = feed.items.length
    out.ranked = feed.rankingTrace.stages.find((s) => s.stage === 'source')?.outputCount ?? 0
    out.engine = feed.engine
  }
  return out
}
