// The orchestrator: runs any pipeline's stages in the one fixed order and returns the result with its trace.
import type { Pipeline } from './define-pipeline.ts'
import { errorMessage } from './guard.ts'
import { discardMetrics, type MetricsSink } from './metrics.ts'
import {
  runHydrators,
  runQueryHydrators,
  runScorers,
  runSideEffects,
  runSources,
} from './run-async-stages.ts'
import type { RunEnv } from './run-component.ts'
import { runFilters, runSelector } from './run-sync-stages.ts'
import type { SideEffectInput } from './stage-types.ts'
import { newStageTrace, type PipelineTrace, type StageTrace } from './trace.ts'

export interface RunOptions {
  metrics?: MetricsSink
  /**
   * Keeps background work alive: on the edge pass `(p) => ctx.waitUntil(p)`. Side effects start on a
   * later macrotask either way, so they never delay the result.
   */
  defer?: (work: Promise<unknown>) => void
  /** Monotonic milliseconds; injectable for tests. */
  clock?: () => number
  requestId?: string
}

export interface PipelineResult<Q, C> {
  /** The query as hydrated by both waves of query hydrators. */
  query: Q
  /**
   * Everything the sources returned, as hydration left it (before filtering): a snapshot of each
   * candidate's own fields, which later stages' writes do not reach (they work on shallow copies, so
   * their `update`s must replace nested objects rather than write into them).
   */
  retrieved: C[]
  /** Removed by pre-scoring and post-selection filters (see the trace for who removed what). */
  filtered: C[]
  selected: C[]
  /** Left out by the selector or cut by the result size. */
  nonSelected: C[]
  trace: PipelineTrace
  /** Settles (never rejects) when the background side effects have finished. */
  sideEffects: Promise<StageTrace>
}

export async function execute<Q, C>(
  p: Pipeline<Q, C>,
  query: Q,
  opts: RunOptions = {},
): Promise<PipelineResult<Q, C>> {
  const env: RunEnv = {
    pipeline: p.name,
    metrics: opts.metrics ?? discardMetrics,
    clock: opts.clock ?? (() => performance.now()),
    defaultTimeoutMs: p.componentTimeoutMs,
  }
  const t0 = env.clock()
  const tags = { pipeline: p.name }
  const q1 = await runQueryHydrators(env, 'query_hydrator', p.queryHydrators, query)
  const q2 = await runQueryHydrators(env, 'dependent_query_hydrator', p.dependentQueryHydrators, q1.query)
  const q = q2.query

  const sourced = await runSources(env, p.sources, q)
  const hydrated = await runHydrators(env, 'hydrator', p.hydrators, q, sourced.candidates)
  const pre = runFilters(env, 'filter', p.filters, q, hydrated.candidates, p.candidateKey)
  // Scorers and post-selection hydrators may update candidates in place; they get copies so that
  // `retrieved` (and `filtered`) stay as hydration left them.
  const scored = await runScorers(env, p.scorers, q, pre.kept.map(copyCandidate))
  const sel = runSelector(env, p.selector, q, scored.candidates)
  const postHydrated = await runHydrators(
    env,
    'post_selection_hydrator',
    p.postSelectionHydrators,
    q,
    sel.selected,
  )
  const post = runFilters(
    env,
    'post_selection_filter',
    p.postSelectionFilters,
    q,
    postHydrated.candidates,
    p.candidateKey,
  )

  const cut = Math.min(p.resultSize, post.kept.length)
  let selected = post.kept.slice(0, cut)
  const truncated = post.kept.slice(cut)
  let finalizeError: string | undefined
  if (p.finalize) {
    try {
      selected = p.finalize(q, selected)
    } catch (e) {
      finalizeError = errorMessage(e)
      env.metrics.count('pipeline.finalize_failures', 1, tags)
    }
  }
  const filtered = pre.removed.concat(post.removed)
  const nonSelected = sel.nonSelected.concat(truncated)

  env.metrics.observe('pipeline.result_size', selected.length, tags)
  if (selected.length === 0) env.metrics.count('pipeline.result_empty', 1, tags)
  const trace: PipelineTrace = {
    pipeline: p.name,
    durationMs: env.clock() - t0,
    stages: [
      q1.trace,
      q2.trace,
      sourced.trace,
      hydrated.trace,
      pre.trace,
      scored.trace,
      sel.trace,
      postHydrated.trace,
      post.trace,
    ],
    counts: {
      retrieved: hydrated.candidates.length,
      filtered: filtered.length,
      selected: selected.length,
      nonSelected: nonSelected.length,
      truncated: truncated.length,
    },
    truncated: truncated.map(p.candidateKey),
  }
  if (opts.requestId !== undefined) trace.requestId = opts.requestId
  if (finalizeError !== undefined) trace.finalizeError = finalizeError
  env.metrics.observe('pipeline.duration_ms', trace.durationMs, tags)

  const input: SideEffectInput<Q, C> = { query: q, selected: selected.slice(), nonSelected, filtered }
  const sideEffects = startSideEffects(env, p, input)
  opts.defer?.(sideEffects)
  return { query: q, retrieved: hydrated.candidates, filtered, selected, nonSelected, trace, sideEffects }
}

function startSideEffects<Q, C>(
  env: RunEnv,
  p: Pipeline<Q, C>,
  input: SideEffectInput<Q, C>,
): Promise<StageTrace> {
  if (p.sideEffects.length === 0) return Promise.resolve(newStageTrace('side_effect', input.selected.length))
  // A macrotask, not a microtask: even a side effect's synchronous part runs after the caller resumes.
  return new Promise<void>((resolve) => setTimeout(resolve, 0))
    .then(() => runSideEffects(env, p.sideEffects, input))
    .catch(() => newStageTrace('side_effect', input.selected.length))
}

/** A shallow copy that keeps the prototype, so class-based candidates stay instances of their class. */
function copyCandidate<C>(c: C): C {
  if (typeof c !== 'object' || c === null) return c
  if (Array.isArray(c)) return c.slice() as C
  return Object.assign(Object.create(Object.getPrototypeOf(c)) as object, c) as C
}
