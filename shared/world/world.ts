// generateWorld: accounts → follow graph → posts → sampling indices. Pure and deterministic (no Node
// APIs, no clock), so the browser's model lab can regenerate the same world from the same config.
import { generateAccounts } from './accounts.ts'
import type { WorldConfig } from './config.ts'
import { generateFollows } from './follows.ts'
import { generatePosts } from './posts.ts'
import { Rng } from './rng.ts'
import { IdAllocator } from './snowflake.ts'
import { TimeIndex } from './time-index.ts'
import { TOPICS } from './vocab-topics.ts'
import type { PostIndices, World, WorldAccount, WorldPost } from './world-types.ts'

function buildIndices(posts: readonly WorldPost[], accounts: number): PostIndices {
  const originMs = posts[0]?.createdAtMs ?? 0
  // √popularity: Zipf weights straight would show the same few viral posts to everyone.
  const item = (p: WorldPost) => ({ index: p.index, time: p.createdAtMs, weight: Math.sqrt(p.popularity) })
  const topicLists: WorldPost[][] = TOPICS.map(() => [])
  const authorLists: number[][] = Array.from({ length: accounts }, () => [])
  for (const p of posts) {
    topicLists[p.topic]!.push(p)
    authorLists[p.authorIndex]!.push(p.index)
  }
  return {
    byTopic: topicLists.map((list) => new TimeIndex(list.map(item), originMs)),
    byAuthor: authorLists.map((l) => Int32Array.from(l)),
    byAuthorTimes: authorLists.map((l) => Float64Array.from(l, (i) => posts[i]!.createdAtMs)),
    all: new TimeIndex(posts.map(item), originMs),
  }
}

export function generateWorld(config: WorldConfig): World {
  if (config.accounts < 2 || config.authors < 2 || config.posts < 1) throw new Error('world too small')
  const ids = new IdAllocator()
  const accounts = generateAccounts(config, Rng.derive(config.seed, 'accounts'), ids)
  const follows = generateFollows(accounts, Rng.derive(config.seed, 'follows'))
  const posts = generatePosts(config, accounts, follows, ids)
  return {
    config,
    nowMs: config.nowMs,
    accounts,
    posts,
    follows,
    accountIndexById: new Map(accounts.map((a) => [a.id, a.index])),
    postIndexById: new Map(posts.map((p) => [p.id, p.index])),
    indices: buildIndices(posts, accounts.length),
  }
}

export function accountById(world: World, id: string): WorldAccount | undefined {
  const i = world.accountIndexById.get(id)
  return i === undefined ? undefined : world.accounts[i]
}

export function postById(world: World, id: string): WorldPost | undefined {
  const i = world.postIndexById.get(id)
  return i === undefined ? undefined : world.posts[i]
}

/** The post whose content is shown: a repost's original, otherwise the post itself. */
export function contentOf(world: World, post: WorldPost): WorldPost {
  return post.repostOf >= 0 ? world.posts[post.repostOf]! : post
}

/** Positions [lo, hi) in an author's post list of posts created in [fromMs, toMs). */
export function authorRange(world: World, author: number, fromMs: number, toMs: number): [number, number] {
  const times = world.indices.byAuthorTimes[author]!
  return [lowerBound(times, fromMs), lowerBound(times, toMs)]
}

/** First position in an ascending array whose value is ≥ t. */
export function lowerBound(sorted: Float64Array, t: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < t) lo = mid + 1
    else hi = mid
  }
  return lo
}
