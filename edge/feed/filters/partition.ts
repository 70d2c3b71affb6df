// The one helper every filter uses: split candidates by a predicate, keeping their order.
import type { FilterResult } from '../../../shared/pipeline/stage-types.ts'

export function partition<C>(candidates: readonly C[], keep: (c: C) => boolean): FilterResult<C> {
  const kept: C[] = []
  const removed: C[] = []
  for (const c of candidates) (keep(c) ? kept : removed).push(c)
  return { kept, removed }
}
