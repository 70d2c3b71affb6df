// Helpers every stage runner shares: the run environment, enable() gating, and timing one component.
import { errorMessage, type Guarded, runGuarded } from './guard.ts'
import type { MetricsSink } from './metrics.ts'
import {
  type AsyncComponent,
  CandidateFailure,
  type Component,
  type ComponentContext,
  type PerCandidate,
} from './stage-types.ts'
import type { ComponentTrace, StageName, StageTrace } from './trace.ts'

export interface RunEnv {
  readonly pipeline: string
  readonly metrics: MetricsSink
  readonly clock: () => number
  readonly defaultTimeoutMs: number | undefined
}

/** Records enabled/disabled names on the stage and returns the enabled components, in order. */
export function gate<Q, T extends Component<Q>>(components: readonly T[], query: Q, st: StageTrace): T[] {
  const enabled: T[] = []
  for (const c of components) {
    let on: boolean
    try {
      on = c.enable === undefined || c.enable(query)
    } catch {
      on = false // a gate that throws cannot vouch for its component
    }
    if (on) {
      enabled.push(c)
      st.enabled.push(c.name)
    } else st.disabled.push(c.name)
  }
  return enabled
}

/** Runs one async hook under its timeout and returns its outcome with a filled-in trace entry. */
export async function runTimed<Q, T>(
  env: RunEnv,
  stage: StageName,
  component: AsyncComponent<Q>,
  hook: (ctx: ComponentContext) => Promise<T>,
): Promise<{ result: Guarded<T>; trace: ComponentTrace }> {
  const start = env.clock()
  const result = await runGuarded(hook, component.timeoutMs ?? env.defaultTimeoutMs, env.metrics)
  const trace: ComponentTrace = { name: component.name, outcome: 'ok', durationMs: env.clock() - start }
  if (result.notes) trace.notes = result.notes
  if (!result.ok) markFailed(env, stage, trace, result.outcome, result.error)
  return { result, trace }
}

export function markFailed(
  env: RunEnv,
  stage: StageName,
  trace: ComponentTrace,
  outcome: 'failed' | 'timed_out',
  error: string,
): void {
  trace.outcome = outcome
  trace.error = error
  env.metrics.count('component.failures', 1, {
    pipeline: env.pipeline,
    stage,
    component: trace.name,
    reason: outcome,
  })
}

/** Reports the component's latency and appends its entry to the stage. */
export function recordComponent(env: RunEnv, st: StageTrace, trace: ComponentTrace): void {
  st.components.push(trace)
  env.metrics.observe('component.duration_ms', trace.durationMs, {
    pipeline: env.pipeline,
    stage: st.stage,
    component: trace.name,
  })
}

/**
 * Merges one hydrator's or scorer's per-candidate outputs into `candidates` (in place). A result of the
 * wrong length fails the whole component and changes nothing; a per-candidate failure (or an `update` that
 * throws) leaves just that candidate unchanged.
 */
export function mergePerCandidate<C, S>(
  env: RunEnv,
  stage: StageName,
  component: { update(candidate: C, output: S): C },
  candidates: C[],
  results: PerCandidate<S>,
  trace: ComponentTrace,
): void {
  if (!Array.isArray(results) || results.length !== candidates.length) {
    const got = Array.isArray(results) ? results.length : typeof results
    markFailed(env, stage, trace, 'failed', `length mismatch expected=${candidates.length} got=${got}`)
    return
  }
  let failed = 0
  for (let i = 0; i < candidates.length; i++) {
    const r = results[i]
    if (r instanceof CandidateFailure) {
      failed++
      continue
    }
    try {
      candidates[i] = component.update(candidates[i]!, r as S)
    } catch (e) {
      failed++
      trace.error ??= `update: ${errorMessage(e)}`
    }
  }
  if (failed > 0) {
    trace.failedCount = failed
    env.metrics.count('component.candidate_failures', failed, {
      pipeline: env.pipeline,
      stage,
      component: trace.name,
    })
  }
}
