// One line per record for the JSONL / TSV exports. Absent ids are null so every line has the same
// keys. Ground-truth-only fields sit under `truth`; feature code must never read them.

import { countsAt, servedCountsRow } from './counts-at.ts'
import type { Session } from './sessions.ts'
import { STYLES } from './vocab.ts'
import { TOPICS } from './vocab-topics.ts'
import type { World, WorldAccount, WorldPost } from './world-types.ts'

/** Four significant digits keep the eval truth file small; in-process truth is exact. */
function sig4(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(4))
}

function idOf(world: World, index: number): string | null {
  return index >= 0 ? world.posts[index]!.id : null
}

export function postLine(world: World, p: WorldPost): string {
  return JSON.stringify({
    id: p.id,
    authorId: world.accounts[p.authorIndex]!.id,
    createdAtMs: p.createdAtMs,
    text: p.text,
    media: p.media,
    videoDurationMs: p.videoDurationMs,
    replyToId: idOf(world, p.replyTo),
    quoteOfId: idOf(world, p.quoteOf),
    repostOfId: idOf(world, p.repostOf),
    conversationId: idOf(world, p.conversation),
    subscriberOnly: p.subscriberOnly,
    language: p.language,
    counts: p.counts,
    truth: {
      topic: TOPICS[p.topic],
      topic2: TOPICS[p.topic2],
      topicWeight: sig4(p.topicWeight),
      quality: sig4(p.quality),
      popularity: sig4(p.popularity),
    },
  })
}

export function accountLine(world: World, a: WorldAccount): string {
  return JSON.stringify({
    id: a.id,
    handle: a.handle,
    displayName: a.displayName,
    createdAtMs: a.createdAtMs,
    followerCount: world.follows.followerCount[a.index]!,
    followingCount: world.follows.following[a.index]!.length,
    nsfw: a.nsfw,
    spammy: a.spammy,
    protected: a.protected,
    subscriptionTier: a.subscriptionTier,
    language: a.language,
    isAuthor: a.isAuthor,
    truth: {
      quality: a.isAuthor ? sig4(a.quality) : null,
      style: a.isAuthor ? STYLES[a.style] : null,
      activity: sig4(a.activity),
      topicPreferences: Object.fromEntries(
        TOPICS.flatMap((t, i) => (a.pref[i]! > 0 ? [[t, sig4(a.pref[i]!)]] : [])),
      ),
      styleTaste: Object.fromEntries(STYLES.map((s, i) => [s, sig4(a.styleTaste[i]!)])),
    },
  })
}

export function followLine(world: World, follower: number, followee: number): string {
  return `${world.accounts[follower]!.id}\t${world.accounts[followee]!.id}`
}

/**
 * `{userId, servedAtMs, history: [[postId, actions, dwell, surface, engagedAtMs]…], candidates: […], truth?}`;
 * a candidate is `[postId, inNetwork, labels, dwell, [favorite, reply, repost, quote, view]]`, the counts
 * as they stood at the serve time (counts-at.ts), which are what a feature may see.
 */
export function sessionLine(world: World, s: Session): string {
  const history = s.history.map((h) => [
    world.posts[h.post]!.id,
    h.actions,
    h.dwellSeconds,
    h.surface,
    h.engagedAtMs,
  ])
  const candidates = s.candidates.map((c) => [
    world.posts[c.post]!.id,
    c.inNetwork ? 1 : 0,
    c.labels,
    c.dwellSeconds,
    servedCountsRow(countsAt(world, world.posts[c.post]!, s.servedAtMs)),
  ])
  const withTruth = s.candidates.every((c) => c.truth !== undefined)
  return JSON.stringify({
    userId: world.accounts[s.viewer]!.id,
    servedAtMs: s.servedAtMs,
    history,
    candidates,
    ...(withTruth ? { truth: s.candidates.map((c) => Array.from(c.truth!, sig4)) } : {}),
  })
}
