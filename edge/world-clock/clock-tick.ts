// Executes one world-clock tick through the API's own code paths: posts through createPosts (post store,
// outbox, ingest queue → Thunder, retrieval and later Grox), engagements through recordEngagements (user
// history and post counters), exactly what POST /v1/posts and POST /v1/users/{id}/engagements do.
import type { Env } from '../env'
import { createPosts } from '../posts/create-posts'
import { postShards } from '../posts/post-client'
import { THUNDER_CAPS } from '../thunder/thunder-caps'
import { recordEngagements } from '../users/user-service'
import { type PoolPost, planTick } from './clock-plan'

/** Recent originals read per post shard: the pool the clock's users, words and engagement targets come from. */
const POOL_PER_SHARD = 50

export interface TickResult {
  postIds: string[]
  engagements: number
  /** Engagements whose user no longer exists (the world changed under the clock); skipped. */
  skipped: number
}

/** The recent public originals of every post shard (the popular source's query), as the clock's pool. */
async function recentPool(env: Env, now: number): Promise<PoolPost[]> {
  const { ok } = await postShards(env).broadcast((stub) =>
    stub.recentPopular(now - THUNDER_CAPS.retentionMs, now, POOL_PER_SHARD),
  )
  return [...ok.values()].flat().map((p) => ({ id: p.id, authorId: p.authorId, text: p.text }))
}

export async function runTick(env: Env, seed: number, tick: number, quota: number, now: number) {
  const plan = planTick(seed, tick, quota, await recentPool(env, now))
  const result: TickResult = { postIds: [], engagements: 0, skipped: 0 }
  if (plan.posts.length > 0) {
    const { items } = await createPosts(
      env,
      plan.posts.map((p) => ({ ...p, createdAt: now, media: [], subscriberOnly: false, language: 'und' })),
      { strictRefs: true },
    )
    result.postIds = items.map((i) => i.record.id)
  }
  const byUser = new Map<string, typeof plan.engagements>()
  for (const e of plan.engagements) byUser.set(e.userId, [...(byUser.get(e.userId) ?? []), e])
  for (const [userId, list] of byUser) {
    // The route's key: idempotent per post, action and time.
    const entries = list.map((e) => ({
      postId: e.postId,
      action: e.action,
      at: now,
      key: `${e.postId}:${e.action}:${now}`,
    }))
    try {
      result.engagements += (await recordEngagements(env, userId, entries)).added
    } catch {
      result.skipped += entries.length
    }
  }
  return result
}
