// Runners for the synchronous stages: filters (in order, each on the previous one's kept list) and the
// selector.
import { errorMessage } from './guard.ts'
import { gate, markFailed, type RunEnv, recordComponent } from './run-component.ts'
import { defaultSelect } from './select.ts'
import type { Filter, Selector, SelectResult } from './stage-types.ts'
import { type ComponentTrace, newStageTrace, type StageTrace } from './trace.ts'

export function runFilters<Q, C>(
  env: RunEnv,
  stage: 'filter' | 'post_selection_filter',
  filters: readonly Filter<Q, C>[],
  query: Q,
  input: readonly C[],
  candidateKey: (c: C) => string,
): { kept: C[]; removed: C[]; trace: StageTrace } {
  const start = env.clock()
  const st = newStageTrace(stage, input.length)
  let kept: C[] = input.slice()
  const removed: C[] = []
  for (const f of gate(filters, query, st)) {
    const t0 = env.clock()
    const trace: ComponentTrace = { name: f.name, outcome: 'ok', durationMs: 0, removedCount: 0 }
    try {
      const r = f.filter(query, kept)
      if (!Array.isArray(r?.kept) || !Array.isArray(r.removed))
        throw new Error('filter returned no kept/removed lists')
      // A filter that loses or invents candidates is broken: keep its input rather than trust its output.
      if (r.kept.length + r.removed.length !== kept.length) {
        throw new Error(
          `lost candidates: input=${kept.length} kept=${r.kept.length} removed=${r.removed.length}`,
        )
      }
      kept = r.kept
      if (r.removed.length > 0) {
        trace.removedCount = r.removed.length
        trace.removed = r.removed.map(candidateKey)
        for (const c of r.removed) removed.push(c)
      }
    } catch (e) {
      markFailed(env, stage, trace, 'failed', errorMessage(e))
      if (f.onError === 'fail-closed') {
        // A safety filter that cannot judge must not let unjudged candidates reach the viewer.
        trace.failedClosed = true
        trace.removedCount = kept.length
        trace.removed = kept.map(candidateKey)
        for (const c of kept) removed.push(c)
        kept = []
      }
      // Otherwise fail open: a non-safety filter bug must not empty the feed; trace and metrics show it.
    }
    trace.durationMs = env.clock() - t0
    const tags = { pipeline: env.pipeline, stage, component: f.name }
    env.metrics.count('filter.kept', kept.length, tags)
    env.metrics.count('filter.removed', trace.removedCount ?? 0, tags)
    recordComponent(env, st, trace)
  }
  st.durationMs = env.clock() - start
  st.outputCount = kept.length
  env.metrics.observe('stage.duration_ms', st.durationMs, { pipeline: env.pipeline, stage })
  return { kept, removed, trace: st }
}

/** A disabled selector passes every candidate through, unsorted and untruncated. */
export function runSelector<Q, C>(
  env: RunEnv,
  selector: Selector<Q, C>,
  query: Q,
  input: readonly C[],
): SelectResult<C> & { trace: StageTrace } {
  const start = env.clock()
  const st = newStageTrace('selector', input.length)
  let result: SelectResult<C> = { selected: input.slice(), nonSelected: [] }
  if (gate([selector], query, st).length === 1) {
    const trace: ComponentTrace = { name: selector.name, outcome: 'ok', durationMs: 0 }
    try {
      const r = selector.select ? selector.select(query, input) : defaultSelect(selector, input)
      if (r.selected.length + r.nonSelected.length !== input.length) {
        throw new Error(`lost candidates: input=${input.length} selected=${r.selected.length}`)
      }
      result = r
    } catch (e) {
      markFailed(env, 'selector', trace, 'failed', errorMessage(e))
    }
    trace.outputCount = result.selected.length
    trace.nonSelectedCount = result.nonSelected.length
    trace.durationMs = env.clock() - start
    recordComponent(env, st, trace)
  }
  st.durationMs = env.clock() - start
  st.outputCount = result.selected.length
  return { ...result, trace: st }
}
