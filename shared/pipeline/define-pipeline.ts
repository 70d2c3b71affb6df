// A pipeline is data: which components sit in which stage. `execute` (execute.ts) is the one function
// that runs any of them, in the fixed order.
import type { Filter, Hydrator, QueryHydrator, Scorer, Selector, SideEffect, Source } from './stage-types.ts'
import type { StageName } from './trace.ts'

export interface PipelineDefinition<Q, C> {
  readonly name: string
  /** A stable identity for a candidate (e.g. its post id): used by the trace and explanations. */
  candidateKey(candidate: C): string
  readonly queryHydrators?: readonly QueryHydrator<Q, unknown>[]
  /** Second wave: sees the query as merged from the first wave. */
  readonly dependentQueryHydrators?: readonly QueryHydrator<Q, unknown>[]
  readonly sources: readonly Source<Q, C>[]
  readonly hydrators?: readonly Hydrator<Q, C, unknown>[]
  readonly filters?: readonly Filter<Q, C>[]
  readonly scorers?: readonly Scorer<Q, C, unknown>[]
  readonly selector: Selector<Q, C>
  /** Expensive hydration paid only for selected candidates. */
  readonly postSelectionHydrators?: readonly Hydrator<Q, C, unknown>[]
  readonly postSelectionFilters?: readonly Filter<Q, C>[]
  readonly sideEffects?: readonly SideEffect<Q, C>[]
  /** Final truncation after post-selection filters; the cut go to the non-selected. */
  readonly resultSize: number
  /** Default timeout for every async component without its own `timeoutMs`. */
  readonly componentTimeoutMs?: number
  /** Last pass over the final candidates (reorder, interleave); returns the list to serve. */
  finalize?(query: Q, candidates: C[]): C[]
}

export type Pipeline<Q, C> = Readonly<
  Required<Omit<PipelineDefinition<Q, C>, 'componentTimeoutMs' | 'finalize'>> &
    Pick<PipelineDefinition<Q, C>, 'componentTimeoutMs' | 'finalize'>
>

export class PipelineDefinitionError extends Error {
  override name = 'PipelineDefinitionError'
}

/** Validates a definition once, up front, so that mistakes fail at start-up rather than per request. */
export function definePipeline<Q, C>(def: PipelineDefinition<Q, C>): Pipeline<Q, C> {
  const pipeline: Pipeline<Q, C> = {
    ...def,
    candidateKey: def.candidateKey,
    queryHydrators: def.queryHydrators ?? [],
    dependentQueryHydrators: def.dependentQueryHydrators ?? [],
    hydrators: def.hydrators ?? [],
    filters: def.filters ?? [],
    scorers: def.scorers ?? [],
    postSelectionHydrators: def.postSelectionHydrators ?? [],
    postSelectionFilters: def.postSelectionFilters ?? [],
    sideEffects: def.sideEffects ?? [],
  }
  if (!def.name) throw new PipelineDefinitionError('pipeline name is empty')
  if (!Number.isInteger(def.resultSize) || def.resultSize < 0) {
    throw new PipelineDefinitionError(`${def.name}: resultSize must be a non-negative integer`)
  }
  checkTimeout(def.name, 'pipeline', def.componentTimeoutMs)
  for (const { stage, components } of stageComponents(pipeline)) {
    const seen = new Set<string>()
    for (const c of components) {
      if (!c.name) throw new PipelineDefinitionError(`${def.name}: a ${stage} has no name`)
      if (seen.has(c.name)) throw new PipelineDefinitionError(`${def.name}: duplicate ${stage} "${c.name}"`)
      seen.add(c.name)
      checkTimeout(def.name, c.name, 'timeoutMs' in c ? c.timeoutMs : undefined)
    }
  }
  return Object.freeze(pipeline)
}

function checkTimeout(pipeline: string, owner: string, ms: unknown): void {
  if (ms === undefined) return
  if (typeof ms !== 'number' || !(ms > 0) || !Number.isFinite(ms)) {
    throw new PipelineDefinitionError(`${pipeline}: ${owner} timeout must be a positive number of ms`)
  }
}

interface NamedComponent {
  readonly name: string
  readonly timeoutMs?: number
}

function stageComponents<Q, C>(
  p: Pipeline<Q, C>,
): { stage: StageName; components: readonly NamedComponent[] }[] {
  return [
    { stage: 'query_hydrator', components: p.queryHydrators },
    { stage: 'dependent_query_hydrator', components: p.dependentQueryHydrators },
    { stage: 'source', components: p.sources },
    { stage: 'hydrator', components: p.hydrators },
    { stage: 'filter', components: p.filters },
    { stage: 'scorer', components: p.scorers },
    { stage: 'selector', components: [p.selector] },
    { stage: 'post_selection_hydrator', components: p.postSelectionHydrators },
    { stage: 'post_selection_filter', components: p.postSelectionFilters },
    { stage: 'side_effect', components: p.sideEffects },
  ]
}

/** Component names by stage, in run order: for health endpoints and inspectors. */
export function components<Q, C>(p: Pipeline<Q, C>): { stage: StageName; components: string[] }[] {
  return stageComponents(p).map(({ stage, components: cs }) => ({ stage, components: cs.map((c) => c.name) }))
}
