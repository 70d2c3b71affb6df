// The per-request trace returned with every pipeline result. It is plain JSON (it crosses HTTP and
// worker boundaries) and is what "why am I seeing this post" is built from: which components ran,
// how long each took, which failed, and which filter removed which candidate.

export const STAGES = [
  'query_hydrator',
  'dependent_query_hydrator',
  'source',
  'hydrator',
  'filter',
  'scorer',
  'selector',
  'post_selection_hydrator',
  'post_selection_filter',
  'side_effect',
] as const

export type StageName = (typeof STAGES)[number]

export type ComponentOutcome = 'ok' | 'failed' | 'timed_out'

export interface ComponentTrace {
  name: string
  outcome: ComponentOutcome
  durationMs: number
  /** Why the component failed (thrown error, timeout, length mismatch). */
  error?: string
  /** Sources: candidates produced. Selector: candidates selected. */
  outputCount?: number
  /** Hydrators and scorers: candidates whose individual result was a failure. */
  failedCount?: number
  /** Filters: how many candidates this filter removed, and their keys. */
  removedCount?: number
  removed?: string[]
  /** Filters: it threw and, being fail-closed, removed its whole input (listed in `removed`). */
  failedClosed?: boolean
  /** Selector: candidates left out. */
  nonSelectedCount?: number
  /** Numbers a component attached through `ctx.note` (e.g. cache hits). */
  notes?: Record<string, number>
}

export interface StageTrace {
  stage: StageName
  durationMs: number
  inputCount: number
  outputCount: number
  enabled: string[]
  disabled: string[]
  components: ComponentTrace[]
}

export interface PipelineTrace {
  pipeline: string
  requestId?: string
  durationMs: number
  /** Stages in run order; side effects are reported separately, after the result is returned. */
  stages: StageTrace[]
  counts: {
    retrieved: number
    filtered: number
    selected: number
    nonSelected: number
    truncated: number
  }
  /** Keys of candidates that survived every filter but were cut by the result size. */
  truncated: string[]
  /** Set when the pipeline's finalize threw; the un-finalized selection was served. */
  finalizeError?: string
}

export function newStageTrace(stage: StageName, inputCount: number): StageTrace {
  return {
    stage,
    durationMs: 0,
    inputCount,
    outputCount: inputCount,
    enabled: [],
    disabled: [],
    components: [],
  }
}

/** Who removed what: candidate key → the filter (and stage) that removed it. */
export function removalsByKey(
  trace: PipelineTrace,
): Map<string, { filter: string; stage: 'filter' | 'post_selection_filter' }> {
  const out = new Map<string, { filter: string; stage: 'filter' | 'post_selection_filter' }>()
  for (const s of trace.stages) {
    if (s.stage !== 'filter' && s.stage !== 'post_selection_filter') continue
    for (const c of s.components) {
      for (const key of c.removed ?? []) out.set(key, { filter: c.name, stage: s.stage })
    }
  }
  return out
}
