// Posts over the last postWindowHours: skeletons, popularity, conversation structure, text, counts.
import type { WorldConfig } from './config.ts'
import type { FollowGraph } from './follow-graph.ts'
import { assignCounts, assignPopularity } from './popularity.ts'
import { drawPostDrafts } from './post-drafts.ts'
import { linkThreads } from './post-threads.ts'
import { Rng } from './rng.ts'
import type { IdAllocator } from './snowflake.ts'
import { composeText } from './text.ts'
import { STYLE_HABITS, STYLES } from './vocab.ts'
import { TOPICS } from './vocab-topics.ts'
import type { WorldAccount, WorldPost } from './world-types.ts'

function writeTexts(posts: readonly WorldPost[], accounts: readonly WorldAccount[], rng: Rng): void {
  // Creation order, so a repost's original already has its text.
  for (const p of posts) {
    const author = accounts[p.authorIndex]!
    if (p.repostOf >= 0) {
      const original = posts[p.repostOf]!
      p.text = `RT @${accounts[original.authorIndex]!.handle}: ${original.text}`
      p.wordCount = original.wordCount + 2
      continue
    }
    const composed = composeText(rng, {
      habits: STYLE_HABITS[STYLES[author.style]!],
      topic: p.topic,
      topic2: p.topic2,
      topicWeight: p.topicWeight,
      language: p.language,
      spammy: author.spammy,
      hasLink: p.hasLink,
      ...(p.replyTo >= 0 ? { replyToHandle: accounts[posts[p.replyTo]!.authorIndex]!.handle } : {}),
    })
    p.text = composed.text
    p.wordCount = composed.wordCount
  }
}

export function generatePosts(
  config: WorldConfig,
  accounts: readonly WorldAccount[],
  follows: FollowGraph,
  ids: IdAllocator,
): WorldPost[] {
  const posts = drawPostDrafts(config, accounts, Rng.derive(config.seed, 'post-drafts'), ids)
  assignPopularity(posts, accounts, follows, Rng.derive(config.seed, 'popularity'))
  linkThreads(posts, accounts, TOPICS.length, Rng.derive(config.seed, 'threads'))
  writeTexts(posts, accounts, Rng.derive(config.seed, 'text'))
  assignCounts(posts, accounts, config.nowMs, Rng.derive(config.seed, 'counts'))
  return posts
}
