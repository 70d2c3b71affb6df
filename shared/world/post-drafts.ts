// Post skeletons: author (by posting rate), creation time, intended kind, quality, topic mix, media,
// language, subscriber-only. Parents, text, popularity and counts are filled in later passes.
import { HOUR_MS, MINUTE_MS, type WorldConfig } from './config.ts'
import type { Rng } from './rng.ts'
import type { IdAllocator } from './snowflake.ts'
import { STYLE_HABITS, STYLES } from './vocab.ts'
import { drawFromPrefixSum, prefixSum } from './weighted.ts'
import type { MediaKind, PostKind, WorldAccount, WorldPost } from './world-types.ts'

const KIND_WEIGHTS: readonly number[] = [0.6, 0.22, 0.08, 0.1]
const KINDS: readonly PostKind[] = ['original', 'reply', 'quote', 'repost']
/** Share of a subscription-offering author's originals that only subscribers see. */
const SUBSCRIBER_ONLY_RATE = 0.15

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x
}

export function drawMedia(
  rng: Rng,
  author: WorldAccount,
  kind: PostKind,
): { media: MediaKind; durationMs: number } {
  const h = STYLE_HABITS[STYLES[author.style]!]
  const weights = kind === 'reply' ? [0.05, 0, 0.05] : [h.image, h.video, h.gif]
  const u = rng.next()
  let media: MediaKind = 'none'
  if (u < weights[0]!) media = 'image'
  else if (u < weights[0]! + weights[1]!) media = 'video'
  else if (u < weights[0]! + weights[1]! + weights[2]!) media = 'gif'
  // Video lengths: median ~25 s, about one in six under the 10 s a quality view needs.
  const durationMs =
    media === 'video' ? Math.round(Math.min(600, Math.max(3, rng.lognormal(Math.log(25), 0.9))) * 1000) : 0
  return { media, durationMs }
}

export function drawPostDrafts(
  config: WorldConfig,
  accounts: readonly WorldAccount[],
  rng: Rng,
  ids: IdAllocator,
): WorldPost[] {
  const authors = accounts.filter((a) => a.isAuthor)
  if (authors.length === 0) throw new Error('a world needs authors')
  const cumulative = prefixSum(authors.map((a) => a.postRate))
  const start = config.nowMs - config.postWindowHours * HOUR_MS
  const end = config.nowMs - MINUTE_MS

  const drafts = Array.from({ length: config.posts }, () => ({
    author: authors[drawFromPrefixSum(rng, cumulative)]!,
    createdAtMs: Math.floor(rng.uniform(start, end)),
  })).sort((a, b) => a.createdAtMs - b.createdAtMs)

  return drafts.map(({ author, createdAtMs }, index): WorldPost => {
    const kind = KINDS[rng.categorical(KIND_WEIGHTS)]!
    const onPrimary = rng.bernoulli(0.75)
    const { media, durationMs } = drawMedia(rng, author, kind)
    const habits = STYLE_HABITS[STYLES[author.style]!]
    return {
      index,
      id: ids.next(createdAtMs),
      authorIndex: author.index,
      createdAtMs,
      kind,
      text: '',
      wordCount: 0,
      hasLink: author.spammy ? rng.bernoulli(0.9) : kind !== 'repost' && rng.bernoulli(habits.link),
      media,
      videoDurationMs: durationMs,
      replyTo: -1,
      quoteOf: -1,
      repostOf: -1,
      conversation: index,
      subscriberOnly:
        kind === 'original' && author.offersSubscriptions && rng.bernoulli(SUBSCRIBER_ONLY_RATE),
      language: rng.bernoulli(0.95) ? author.language : 'en',
      topic: onPrimary ? author.primaryTopic : author.secondaryTopic,
      topic2: onPrimary ? author.secondaryTopic : author.primaryTopic,
      topicWeight: rng.uniform(0.7, 1),
      // Post quality leans on the author's (good authors write good posts) with its own spread.
      quality: clamp01(0.55 * author.quality + 0.45 * rng.beta(2, 2)),
      popularity: 0,
      counts: { favorite: 0, reply: 0, repost: 0, quote: 0, view: 0 },
    }
  })
}
