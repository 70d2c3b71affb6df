// Cold-start fallback when the caller sends no user-tower embedding: the most engaged public originals of
// the last 48 h, from the post store's own counters (one bounded, indexed query per post shard).
import type { Source } from '../../../shared/pipeline/stage-types.ts'
import type { Env } from '../../env'
import { postShards } from '../../posts/post-client'
import { THUNDER_CAPS } from '../../thunder/thunder-caps'
import { newCandidate, type PipelineCandidate } from '../feed-candidate'
import type { FeedQuery } from '../feed-query'

export function popularSource(env: Env): Source<FeedQuery, PipelineCandidate> {
  return {
    name: 'PopularPostsSource',
    enable: (q) => q.userEmbedding === undefined,
    async source(q, ctx) {
      const since = q.nowMs - THUNDER_CAPS.retentionMs
      const limit = q.limits.popular
      const { ok, failed } = await postShards(env).broadcast((stub) =>
        stub.recentPopular(since, q.nowMs, limit),
      )
      if (ok.size === 0 && failed.size > 0) throw new Error('popular: every post shard failed')
      ctx.note('failedShards', failed.size)
      const engagement = (c: { counts: Record<string, number> }) =>
        (c.counts.favorite ?? 0) + (c.counts.reply ?? 0) + (c.counts.repost ?? 0) + (c.counts.quote ?? 0)
      const posts = [...ok.values()]
        .flat()
        .sort(
          (a, b) =>
            engagement(b) - engagement(a) ||
            b.counts.view - a.counts.view ||
            b.createdAt - a.createdAt ||
            (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
        )
        .slice(0, limit)
      return posts.map((p) =>
        newCandidate({ postId: p.id, authorId: p.authorId, createdAtMs: p.createdAt, source: 'popular' }),
      )
    },
  }
}
