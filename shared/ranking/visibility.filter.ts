// VisibilityFilter (upstream VFFilter): drops posts whose verdict is drop. A safety filter, so it fails
// closed, and a post without a verdict (the hydrator failed for it) is dropped too: it was never judged.
import type { Filter } from '../pipeline/stage-types.ts'
import type { RankingCandidate, RankingQuery } from './ranking-candidate.ts'

export const visibilityFilter: Filter<RankingQuery, RankingCandidate> = {
  name: 'VisibilityFilter',
  onError: 'fail-closed',
  filter(_q, candidates) {
    const kept: RankingCandidate[] = []
    const removed: RankingCandidate[] = []
    for (const c of candidates) {
      if (c.visibility && c.visibility.action !== 'drop') kept.push(c)
      else removed.push(c)
    }
    return { kept, removed }
  },
}
