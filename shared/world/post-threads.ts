// Conversation structure. In creation order, each reply, quote and repost picks an older parent among
// recent originals and quotes of its author's topics (∝ √popularity × recency); replies descend into
// existing replies to make reply chains. conversation = the root's index; a quote starts its own.
import { DAY_MS, MINUTE_MS } from './config.ts'
import type { Rng } from './rng.ts'
import { TimeIndex } from './time-index.ts'
import type { WorldAccount, WorldPost } from './world-types.ts'

const DESCEND_PROBABILITY = 0.4
const MAX_DEPTH = 5

function parentIndices(posts: readonly WorldPost[], topics: number, originMs: number) {
  const eligible = posts.filter((p) => (p.kind === 'original' || p.kind === 'quote') && !p.subscriberOnly)
  const item = (p: WorldPost) => ({ index: p.index, time: p.createdAtMs, weight: Math.sqrt(p.popularity) })
  const byTopic = Array.from(
    { length: topics },
    (_, t) => new TimeIndex(eligible.filter((p) => p.topic === t).map(item), originMs),
  )
  return { byTopic, all: new TimeIndex(eligible.map(item), originMs) }
}

/** Copies what a repost shows from its original: the content is the original's. */
function copyContent(repost: WorldPost, original: WorldPost): void {
  repost.topic = original.topic
  repost.topic2 = original.topic2
  repost.topicWeight = original.topicWeight
  repost.quality = original.quality
  repost.media = original.media
  repost.videoDurationMs = original.videoDurationMs
  repost.language = original.language
  repost.hasLink = original.hasLink
  repost.popularity = original.popularity
}

export function linkThreads(
  posts: WorldPost[],
  accounts: readonly WorldAccount[],
  topics: number,
  rng: Rng,
): void {
  const originMs = posts[0]?.createdAtMs ?? 0
  const index = parentIndices(posts, topics, originMs)
  const replies = new Map<number, number[]>()
  for (const p of posts) {
    if (p.kind === 'original') continue
    const author = accounts[p.authorIndex]!
    const topic = rng.bernoulli(0.75) ? author.primaryTopic : author.secondaryTopic
    const from = p.createdAtMs - DAY_MS
    const to = p.createdAtMs - MINUTE_MS
    let parent = index.byTopic[topic]!.sample(rng, from, to)
    if (parent < 0) parent = index.all.sample(rng, from, to)
    if (parent >= 0 && p.kind !== 'reply' && posts[parent]!.authorIndex === p.authorIndex) {
      parent = index.all.sample(rng, from, to)
    }
    if (parent < 0) {
      p.kind = 'original'
      continue
    }
    p.subscriberOnly = false
    if (p.kind === 'reply') {
      let target = parent
      for (let depth = 0; depth < MAX_DEPTH && rng.bernoulli(DESCEND_PROBABILITY); depth++) {
        const children = replies.get(target)
        if (children === undefined || children.length === 0) break
        const child = rng.pick(children)
        if (posts[child]!.createdAtMs > to) break
        target = child
      }
      const t = posts[target]!
      p.replyTo = target
      p.conversation = t.conversation
      // Replies stay on the conversation's topic.
      p.topic = t.topic
      p.topic2 = t.topic2
      p.topicWeight = t.topicWeight
      const list = replies.get(target)
      if (list === undefined) replies.set(target, [p.index])
      else list.push(p.index)
    } else if (p.kind === 'quote') {
      p.quoteOf = parent
    } else {
      const original = posts[parent]!
      p.repostOf = parent
      p.conversation = original.conversation
      copyContent(p, original)
    }
  }
}
