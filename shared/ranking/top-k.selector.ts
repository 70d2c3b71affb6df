// TopKScoreSelector (§4.4): descending by score, non-finite or missing scores sink (the framework's
// default sort), keep the top `params.topK` (50).
import { defaultSelect } from '../pipeline/select.ts'
import type { Selector } from '../pipeline/stage-types.ts'
import { type RankingCandidate, type RankingQuery, scoreOf } from './ranking-candidate.ts'

export const topKScoreSelector: Selector<RankingQuery, RankingCandidate> = {
  name: 'TopKScoreSelector',
  score: scoreOf,
  select: (q, candidates) =>
    defaultSelect({ name: 'TopKScoreSelector', score: scoreOf, size: q.params.topK }, candidates),
}
