// VisibilityHydrator (upstream VFCandidateHydrator): each selected post's verdict from its labels, for the
// visibility filter to act on and the explanation to show (interstitials are kept, marked).
import type { Hydrator } from '../pipeline/stage-types.ts'
import type { VisibilityVerdict } from './explanation.ts'
import type { RankingCandidate, RankingQuery } from './ranking-candidate.ts'
import { evaluateVisibility } from './visibility-rules.ts'

export const visibilityHydrator: Hydrator<RankingQuery, RankingCandidate, VisibilityVerdict> = {
  name: 'VisibilityHydrator',
  async hydrate(q, candidates) {
    return candidates.map((c) => evaluateVisibility(c.post, q.params.safetyLevel))
  },
  update: (c, visibility) => ({ ...c, visibility }),
}
