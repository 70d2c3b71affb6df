// Runners for the async stages. Query hydrators, sources, hydrators and side effects fan out in parallel
// and merge in declaration order; scorers run one after another.
import { errorMessage } from './guard.ts'
import {
  gate,
  markFailed,
  mergePerCandidate,
  type RunEnv,
  recordComponent,
  runTimed,
} from './run-component.ts'
import type { Hydrator, QueryHydrator, Scorer, SideEffect, SideEffectInput, Source } from './stage-types.ts'
import { newStageTrace, type StageName, type StageTrace } from './trace.ts'

function finishStage(env: RunEnv, st: StageTrace, start: number, outputCount: number): StageTrace {
  st.durationMs = env.clock() - start
  st.outputCount = outputCount
  env.metrics.observe('stage.duration_ms', st.durationMs, { pipeline: env.pipeline, stage: st.stage })
  return st
}

export async function runQueryHydrators<Q>(
  env: RunEnv,
  stage: 'query_hydrator' | 'dependent_query_hydrator',
  hydrators: readonly QueryHydrator<Q, unknown>[],
  query: Q,
): Promise<{ query: Q; trace: StageTrace }> {
  const start = env.clock()
  const st = newStageTrace(stage, 1)
  const enabled = gate(hydrators, query, st)
  const runs = await Promise.all(enabled.map((h) => runTimed(env, stage, h, (ctx) => h.hydrate(query, ctx))))
  let merged = query
  runs.forEach(({ result, trace }, i) => {
    if (result.ok) {
      try {
        merged = enabled[i]!.update(merged, result.value)
      } catch (e) {
        markFailed(env, stage, trace, 'failed', `update: ${errorMessage(e)}`)
      }
    }
    recordComponent(env, st, trace)
  })
  return { query: merged, trace: finishStage(env, st, start, 1) }
}

export async function runSources<Q, C>(
  env: RunEnv,
  sources: readonly Source<Q, C>[],
  query: Q,
): Promise<{ candidates: C[]; trace: StageTrace }> {
  const start = env.clock()
  const st = newStageTrace('source', 0)
  const enabled = gate(sources, query, st)
  const runs = await Promise.all(
    enabled.map((s) => runTimed(env, 'source', s, (ctx) => s.source(query, ctx))),
  )
  const candidates: C[] = []
  for (const { result, trace } of runs) {
    if (result.ok) {
      if (Array.isArray(result.value)) {
        for (const c of result.value) candidates.push(c)
        trace.outputCount = result.value.length
      } else markFailed(env, 'source', trace, 'failed', 'source did not return an array')
    }
    recordComponent(env, st, trace)
  }
  return { candidates, trace: finishStage(env, st, start, candidates.length) }
}

/** All enabled hydrators see the same input; their outputs are merged into a copy in declaration order. */
export async function runHydrators<Q, C>(
  env: RunEnv,
  stage: 'hydrator' | 'post_selection_hydrator',
  hydrators: readonly Hydrator<Q, C, unknown>[],
  query: Q,
  input: readonly C[],
): Promise<{ candidates: C[]; trace: StageTrace }> {
  const start = env.clock()
  const st = newStageTrace(stage, input.length)
  const enabled = gate(hydrators, query, st)
  const candidates = input.slice()
  if (enabled.length === 0 || input.length === 0) {
    return { candidates, trace: finishStage(env, st, start, candidates.length) }
  }
  const runs = await Promise.all(
    enabled.map((h) => runTimed(env, stage, h, (ctx) => h.hydrate(query, input, ctx))),
  )
  runs.forEach(({ result, trace }, i) => {
    if (result.ok) mergePerCandidate(env, stage, enabled[i]!, candidates, result.value, trace)
    recordComponent(env, st, trace)
  })
  return { candidates, trace: finishStage(env, st, start, candidates.length) }
}

/** Sequential: each scorer sees the candidates as updated by the scorers before it. */
export async function runScorers<Q, C>(
  env: RunEnv,
  scorers: readonly Scorer<Q, C, unknown>[],
  query: Q,
  input: readonly C[],
): Promise<{ candidates: C[]; trace: StageTrace }> {
  const start = env.clock()
  const st = newStageTrace('scorer', input.length)
  const enabled = gate(scorers, query, st)
  const candidates = input.slice()
  for (const s of enabled) {
    const { result, trace } = await runTimed(env, 'scorer', s, (ctx) => s.score(query, candidates, ctx))
    if (result.ok) mergePerCandidate(env, 'scorer', s, candidates, result.value, trace)
    recordComponent(env, st, trace)
  }
  return { candidates, trace: finishStage(env, st, start, candidates.length) }
}

/** Never rejects: each side effect's failure is recorded in its own trace entry and metrics. */
export async function runSideEffects<Q, C>(
  env: RunEnv,
  sideEffects: readonly SideEffect<Q, C>[],
  input: SideEffectInput<Q, C>,
): Promise<StageTrace> {
  const stage: StageName = 'side_effect'
  const start = env.clock()
  const st = newStageTrace(stage, input.selected.length)
  const enabled = gate(sideEffects, input.query, st)
  const runs = await Promise.all(
    enabled.map((s) => runTimed(env, stage, s, (ctx) => s.sideEffect(input, ctx))),
  )
  for (const { trace } of runs) recordComponent(env, st, trace)
  return finishStage(env, st, start, input.selected.length)
}
