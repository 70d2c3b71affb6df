// The on-demand loaders (seed 001's Strato loaders) over our Durable Objects: post (post store, batched
// one RPC per shard), user (UserState shards, one RPC per shard), a user's recent posts (Thunder's author
// lists, reposts resolved to the reposted post, as upstream takes inReactionToPostId) and the reply-ranking
// score (the reply-ranking sink in GroxStore). Not found is null / absent, never an error.
import type { Env } from '../../env'
import { lookupPosts } from '../../posts/post-client'
import { toPostView } from '../../posts/post-record'
import { thunderShards } from '../../thunder/thunder-client'
import { lookupProfiles } from '../../users/user-state'
import type { GroxLoaders, GroxPost, GroxUser, ReplyScoreResult } from '../core/types'
import { sinkRecords } from '../store/grox-store-client'

/** The sink the reply-ranking write task records its score under. */
export const REPLY_RANKING_SINK = 'reply_ranking'

async function loadPosts(env: Env, ids: readonly string[]): Promise<Map<string, GroxPost>> {
  const records = await lookupPosts(env, ids)
  const out = new Map<string, GroxPost>()
  for (const [id, r] of records) if (r.deletedAt === undefined) out.set(id, toPostView(r))
  return out
}

async function loadUsers(env: Env, ids: readonly string[]): Promise<Map<string, GroxUser>> {
  const profiles = await lookupProfiles(env, ids)
  return new Map([...profiles].map(([id, p]) => [id, p as GroxUser]))
}

async function loadUserRecentPosts(env: Env, userId: string, limit: number): Promise<GroxPost[]> {
  const query = { viewerId: userId, authorIds: [userId], followedIds: [userId], excludeIds: [], limit }
  const recent = await thunderShards(env)
    .stubFor(userId)
    .fetchPosts({ ...query, videosOnly: false })
  const ids = recent.map((p) => p.repostOfId ?? p.postId)
  const posts = await loadPosts(env, ids)
  // Thunder answers newest first; keep that order and skip what is gone.
  return ids.flatMap((id) => posts.get(id) ?? [])
}

async function loadReplyRankingScore(env: Env, postId: string): Promise<ReplyScoreResult | null> {
  const record = (await sinkRecords(env, [postId])).find((r) => r.sink === REPLY_RANKING_SINK)
  if (!record || typeof record.value !== 'object' || record.value === null) return null
  const { score, reason } = record.value as { score?: unknown; reason?: unknown }
  if (typeof score !== 'number') return null
  return { postId, score, ...(typeof reason === 'string' ? { reason } : {}) }
}

export function onDemandLoaders(env: Env): GroxLoaders {
  return {
    loadPosts: (ids) => loadPosts(env, ids),
    loadPost: async (id) => (await loadPosts(env, [id])).get(id) ?? null,
    loadUsers: (ids) => loadUsers(env, ids),
    loadUser: async (id) => (await loadUsers(env, [id])).get(id) ?? null,
    loadUserRecentPosts: (userId, limit = 10) => loadUserRecentPosts(env, userId, limit),
    loadReplyRankingScore: (postId) => loadReplyRankingScore(env, postId),
  }
}
