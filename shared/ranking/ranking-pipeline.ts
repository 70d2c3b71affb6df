// The ranking pipeline as data: upstream's scorer order (Phoenix → weighted → new-author boost → author
// diversity → OON → diversity rerank), top-K, post-selection visibility and conversation dedup, result size.
import { definePipeline, type Pipeline } from '../pipeline/define-pipeline.ts'
import { authorDiversityScorer } from './author-diversity.scorer.ts'
import { feedCandidatesSource } from './candidates.source.ts'
import { dedupConversationFilter } from './dedup-conversation.filter.ts'
import { diversityRerankScorer } from './diversity-rerank.scorer.ts'
import { newAuthorBoostScorer } from './new-author-boost.scorer.ts'
import { outOfNetworkScorer } from './out-of-network.scorer.ts'
import { phoenixScorer } from './phoenix.scorer.ts'
import { rankingScorer } from './ranking.scorer.ts'
import type { RankingCandidate, RankingQuery } from './ranking-candidate.ts'
import type { RankingParams } from './ranking-params.ts'
import type { PhoenixScoreEngine } from './score-engine.ts'
import { topKScoreSelector } from './top-k.selector.ts'
import { visibilityFilter } from './visibility.filter.ts'
import { visibilityHydrator } from './visibility.hydrator.ts'

export function rankingPipeline(
  engine: PhoenixScoreEngine,
  params: RankingParams,
): Pipeline<RankingQuery, RankingCandidate> {
  return definePipeline<RankingQuery, RankingCandidate>({
    name: 'ForYouRanking',
    candidateKey: (c) => c.post.postId,
    sources: [feedCandidatesSource],
    scorers: [
      phoenixScorer(engine),
      rankingScorer,
      newAuthorBoostScorer,
      authorDiversityScorer,
      outOfNetworkScorer,
      diversityRerankScorer,
    ],
    selector: topKScoreSelector,
    postSelectionHydrators: [visibilityHydrator],
    postSelectionFilters: [visibilityFilter, dedupConversationFilter],
    resultSize: params.resultSize,
  })
}
