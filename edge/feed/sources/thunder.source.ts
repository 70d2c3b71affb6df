// Upstream's ThunderSource: recent posts by followed accounts from the Thunder shards, leaving out what
// the viewer was already served or has seen (Thunder skips them itself, as upstream passes it the ids).
import type { Source } from '../../../shared/pipeline/stage-types.ts'
import type { Env } from '../../env'
import { fetchInNetwork } from '../../thunder/thunder-client'
import { newCandidate, type PipelineCandidate } from '../feed-candidate'
import { type FeedQuery, required } from '../feed-query'

export function thunderSource(env: Env): Source<FeedQuery, PipelineCandidate> {
  return {
    name: 'ThunderSource',
    async source(q, ctx) {
      const followed = required(q.followedIds, 'followedIds')
      const exclude = new Set([...required(q.servedIds, 'servedIds'), ...required(q.seenIds, 'seenIds')])
      const result = await fetchInNetwork(env, {
        viewerId: q.viewerId,
        followedIds: [...followed],
        excludeIds: [...exclude],
        limit: q.limits.thunder,
        videosOnly: false,
        now: q.nowMs,
      })
      ctx.note('failedShards', result.failedShards.length)
      return result.posts.map((p) =>
        newCandidate({ postId: p.postId, authorId: p.authorId, createdAtMs: p.createdAt, source: 'thunder' }),
      )
    },
  }
}
