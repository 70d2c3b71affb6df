// What happened to one candidate in one request: the raw material of "why am I seeing this post" and of
// "why is that post not in my feed".
import type { Pipeline } from './define-pipeline.ts'
import type { PipelineResult } from './execute.ts'
import { removalsByKey } from './trace.ts'

export type CandidateFate =
  | { fate: 'selected'; position: number }
  | { fate: 'filtered'; stage: 'filter' | 'post_selection_filter'; filter: string }
  | { fate: 'truncated' }
  | { fate: 'not_selected' }
  | { fate: 'not_retrieved' }

export function candidateFate<Q, C>(
  p: Pipeline<Q, C>,
  result: PipelineResult<Q, C>,
  key: string,
): CandidateFate {
  const position = result.selected.findIndex((c) => p.candidateKey(c) === key)
  if (position >= 0) return { fate: 'selected', position }
  const removal = removalsByKey(result.trace).get(key)
  if (removal) return { fate: 'filtered', stage: removal.stage, filter: removal.filter }
  if (result.trace.truncated.includes(key)) return { fate: 'truncated' }
  if (result.retrieved.some((c) => p.candidateKey(c) === key)) return { fate: 'not_selected' }
  return { fate: 'not_retrieved' }
}
