// The For You candidate pipeline at the edge, in upstream's order (x-algorithm-facts §4.5): query
// hydrators, sources, hydrators, pre-scoring filters. No scorers: ranking runs in the browser (or, for
// GET /v1/feed, at the edge over this pipeline's result). Filters upstream has that we cannot run are in
// edge/feed/README.md.
import { definePipeline, type Pipeline } from '../../shared/pipeline/define-pipeline.ts'
import type { Env } from '../env'
import type { PipelineCandidate } from './feed-candidate'
import type { FeedQuery } from './feed-query'
import { ageFilter } from './filters/age.filter'
import { authorSocialgraphFilter } from './filters/author-socialgraph.filter'
import { coreDataHydrationFilter } from './filters/core-data-hydration.filter'
import { dropDuplicatesFilter } from './filters/drop-duplicates.filter'
import { mutedKeywordFilter } from './filters/muted-keyword.filter'
import { oonRepostReplyFilter } from './filters/oon-repost-reply.filter'
import { previouslySeenFilter } from './filters/previously-seen.filter'
import { previouslyServedFilter } from './filters/previously-served.filter'
import { repostDedupFilter } from './filters/repost-dedup.filter'
import { selfPostFilter } from './filters/self-post.filter'
import { videoFilter } from './filters/video.filter'
import { visibilityFilter } from './filters/visibility.filter'
import { authorFactsHydrator } from './hydrators/author-facts.hydrator'
import { coreDataHydrator } from './hydrators/core-data.hydrator'
import { embeddingsHydrator } from './hydrators/embeddings.hydrator'
import { engagementCountsHydrator } from './hydrators/engagement-counts.hydrator'
import { inNetworkHydrator } from './hydrators/in-network.hydrator'
import { labelsHydrator } from './hydrators/labels.hydrator'
import { mutualFollowHydrator } from './hydrators/mutual-follow.hydrator'
import { repostedSourceHydrator } from './hydrators/reposted-source.hydrator'
import { blockedByHydrator } from './query-hydrators/blocked-by.query-hydrator'
import { blockedUserIdsHydrator } from './query-hydrators/blocked-user-ids.query-hydrator'
import { engagementHistoryHydrator } from './query-hydrators/engagement-history.query-hydrator'
import { followingHydrator } from './query-hydrators/following.query-hydrator'
import { impressionsHydrator } from './query-hydrators/impressions.query-hydrator'
import { mutedKeywordsHydrator } from './query-hydrators/muted-keywords.query-hydrator'
import { mutedUserIdsHydrator } from './query-hydrators/muted-user-ids.query-hydrator'
import { mutualFollowHydrator as mutualFollowQueryHydrator } from './query-hydrators/mutual-follow.query-hydrator'
import { userEmbeddingHydrator } from './query-hydrators/user-embedding.query-hydrator'
import { viewerTierHydrator } from './query-hydrators/viewer-tier.query-hydrator'
import { phoenixRetrievalSource } from './sources/phoenix-retrieval.source'
import { popularSource } from './sources/popular.source'
import { thunderSource } from './sources/thunder.source'

/** Every component is an upstream stage or says in its file why it differs. */
export function candidatePipeline(env: Env): Pipeline<FeedQuery, PipelineCandidate> {
  return definePipeline<FeedQuery, PipelineCandidate>({
    name: 'ForYouCandidates',
    candidateKey: (c) => c.postId,
    componentTimeoutMs: 5000,
    queryHydrators: [
      engagementHistoryHydrator(env),
      blockedUserIdsHydrator(env),
      mutedUserIdsHydrator(env),
      followingHydrator(env),
      impressionsHydrator(env),
      mutedKeywordsHydrator(env),
      blockedByHydrator(env),
      viewerTierHydrator(env),
    ],
    dependentQueryHydrators: [mutualFollowQueryHydrator(env), userEmbeddingHydrator(env)],
    sources: [thunderSource(env), phoenixRetrievalSource(env), popularSource(env)],
    hydrators: [
      inNetworkHydrator,
      mutualFollowHydrator,
      coreDataHydrator,
      repostedSourceHydrator,
      authorFactsHydrator,
      engagementCountsHydrator,
      labelsHydrator,
      embeddingsHydrator(env),
    ],
    filters: [
      dropDuplicatesFilter,
      coreDataHydrationFilter,
      ageFilter,
      selfPostFilter,
      oonRepostReplyFilter,
      repostDedupFilter,
      previouslySeenFilter,
      previouslyServedFilter,
      mutedKeywordFilter,
      authorSocialgraphFilter,
      visibilityFilter,
      videoFilter,
    ],
    // Keeps every survivor in source order; the ranker orders them.
    selector: { name: 'KeepAllSelector', score: () => undefined },
    resultSize: Number.MAX_SAFE_INTEGER,
  })
}
