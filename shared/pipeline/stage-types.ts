// The stage contracts of the candidate pipeline. Each stage kind has one required hook; the framework
// (execute.ts) supplies gating, naming, timing, timeouts, length guards, metrics and the trace.
import type { MetricsSink } from './metrics.ts'

/** Returned in place of one candidate's output by a hydrator or scorer: that candidate keeps its fields. */
export class CandidateFailure {
  constructor(readonly message: string) {}
}

export const candidateFailure = (message: string): CandidateFailure => new CandidateFailure(message)

/** One output per input candidate, same order; a failure leaves that candidate unchanged. */
export type PerCandidate<S> = readonly (S | CandidateFailure)[]

/** What the framework hands every async hook. */
export interface ComponentContext {
  /** Aborted when the component's timeout fires; pass it on to fetches so work stops. */
  readonly signal: AbortSignal
  readonly metrics: MetricsSink
  /** Attach a number to this component's trace entry (e.g. cache hits). */
  note(key: string, value: number): void
}

export interface Component<Q> {
  /** Explicit, because minified class names are meaningless in traces and metrics. */
  readonly name: string
  /** Per-request gate; a component without it always runs. */
  enable?(query: Q): boolean
}

export interface AsyncComponent<Q> extends Component<Q> {
  /** Overrides the pipeline's `componentTimeoutMs`; on expiry the component counts as failed. */
  readonly timeoutMs?: number
}

/** Fills some query fields. Runs in parallel with its wave; `update` copies only the fields it owns. */
export interface QueryHydrator<Q, S = Partial<Q>> extends AsyncComponent<Q> {
  hydrate(query: Q, ctx: ComponentContext): Promise<S>
  update(query: Q, hydrated: S): Q
}

/** Produces candidates. Sources run in parallel; a failing source is dropped and the others continue. */
export interface Source<Q, C> extends AsyncComponent<Q> {
  source(query: Q, ctx: ComponentContext): Promise<readonly C[]>
}

/**
 * Enriches candidates. Hydrators of one stage run in parallel over the same input and are merged in
 * declaration order. Never drops candidates (use a filter): output length must equal input length.
 * `update` returns the candidate with this hydrator's fields set; it may mutate and return the same object.
 */
export interface Hydrator<Q, C, S = Partial<C>> extends AsyncComponent<Q> {
  hydrate(query: Q, candidates: readonly C[], ctx: ComponentContext): Promise<PerCandidate<S>>
  update(candidate: C, hydrated: S): C
}

export interface FilterResult<C> {
  kept: C[]
  removed: C[]
}

/**
 * What happens to a filter's input when it throws (or returns lists that lose or invent candidates):
 * - `fail-open` (the default, as upstream for ordinary filters): every candidate passes through;
 * - `fail-closed` (safety filters: blocks, mutes, muted keywords, visibility): every candidate it could
 *   not judge is removed, and the trace lists them as removed by this filter, with the error.
 */
export type FilterErrorPolicy = 'fail-closed' | 'fail-open'

/** Partitions candidates. Synchronous (no I/O: hydrate first, then filter on the field); run in order. */
export interface Filter<Q, C> extends Component<Q> {
  filter(query: Q, candidates: readonly C[]): FilterResult<C>
  /** Defaults to `fail-open`; a filter that protects the viewer must say `fail-closed`. */
  readonly onError?: FilterErrorPolicy
}

/** Sets score fields. Scorers run in order, so a later scorer sees the earlier ones' results. */
export interface Scorer<Q, C, S = Partial<C>> extends AsyncComponent<Q> {
  score(query: Q, candidates: readonly C[], ctx: ComponentContext): Promise<PerCandidate<S>>
  update(candidate: C, scored: S): C
}

export interface SelectResult<C> {
  selected: C[]
  nonSelected: C[]
}

/**
 * Orders candidates by `score` descending (non-finite or missing scores sink, ties keep their order) and
 * keeps the first `size`. Provide `select` to replace that default entirely.
 */
export interface Selector<Q, C> extends Component<Q> {
  score(candidate: C): number | undefined
  readonly size?: number
  select?(query: Q, candidates: readonly C[]): SelectResult<C>
}

export interface SideEffectInput<Q, C> {
  readonly query: Q
  readonly selected: readonly C[]
  /** Left out by the selector or cut by the result size. */
  readonly nonSelected: readonly C[]
  /** Removed by pre-scoring or post-selection filters. */
  readonly filtered: readonly C[]
}

/** Runs after the result is returned, in parallel with the others; its failure reaches nobody's result. */
export interface SideEffect<Q, C> extends AsyncComponent<Q> {
  sideEffect(input: SideEffectInput<Q, C>, ctx: ComponentContext): Promise<void>
}
