// Upstream's PhoenixSource: out-of-network candidates, the top-k posts of the retrieval index by dot
// product with the viewer's user-tower embedding. Off when no embedding was sent or computed.
import type { Source } from '../../../shared/pipeline/stage-types.ts'
import type { Env } from '../../env'
import { retrievalIndex } from '../../retrieval/retrieval-index'
import { newCandidate, type PipelineCandidate } from '../feed-candidate'
import { type FeedQuery, required } from '../feed-query'

export function phoenixRetrievalSource(env: Env): Source<FeedQuery, PipelineCandidate> {
  return {
    name: 'PhoenixRetrievalSource',
    enable: (q) => q.userEmbedding !== undefined,
    async source(q) {
      const embedding = required(q.userEmbedding, 'userEmbedding')
      const followed = required(q.followedIds, 'followedIds')
      const exclude = new Set([...required(q.servedIds, 'servedIds'), ...required(q.seenIds, 'seenIds')])
      // In-network authors come from Thunder; the viewer's own posts are never candidates.
      const hits = await retrievalIndex(env).topK(embedding, q.limits.retrieval, {
        excludePostIds: [...exclude],
        excludeAuthorIds: [q.viewerId, ...followed],
        nowMs: q.nowMs,
      })
      return hits.map((h) =>
        newCandidate({
          postId: h.postId,
          authorId: h.authorId,
          createdAtMs: h.createdAt,
          source: 'phoenix_retrieval',
          retrievalScore: h.score,
        }),
      )
    },
  }
}
