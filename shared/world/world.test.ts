import { describe, expect, it } from 'vitest'
import { compareIds, SNOWFLAKE_EPOCH_MS, snowflakeTimeMs } from '../util/snowflake.ts'
import { HOUR_MS } from './config.ts'
import { snowflakeId } from './snowflake.ts'
import { hasLinkText } from './text.ts'
import { SPAM_PHRASES } from './vocab.ts'
import { testWorld } from './world.fixtures.ts'
import { accountById, contentOf, postById } from './world.ts'

describe('snowflake ids', () => {
  it('encode the creation time above 22 sequence bits', () => {
    expect(snowflakeId(SNOWFLAKE_EPOCH_MS, 0)).toBe('0')
    expect(snowflakeId(SNOWFLAKE_EPOCH_MS + 1, 3)).toBe(String((1 << 22) + 3))
    expect(snowflakeTimeMs(snowflakeId(1_784_592_000_000, 17))).toBe(1_784_592_000_000)
    expect(() => snowflakeId(SNOWFLAKE_EPOCH_MS - 1, 0)).toThrow()
  })
})

describe('generateWorld (small preset)', () => {
  const w = testWorld()

  it('gives every account and post a unique id that sorts like its creation time', () => {
    const ids = [...w.accounts.map((a) => a.id), ...w.posts.map((p) => p.id)]
    expect(new Set(ids).size).toBe(ids.length)
    for (const list of [w.accounts, w.posts]) {
      for (let i = 1; i < list.length; i++) {
        expect(list[i]!.createdAtMs).toBeGreaterThanOrEqual(list[i - 1]!.createdAtMs)
        expect(compareIds(list[i - 1]!.id, list[i]!.id)).toBeLessThan(0)
      }
    }
    for (const x of [...w.accounts, ...w.posts]) expect(snowflakeTimeMs(x.id)).toBe(x.createdAtMs)
  })

  it('looks accounts and posts up by id', () => {
    const p = w.posts[123]!
    expect(postById(w, p.id)).toBe(p)
    expect(accountById(w, w.accounts[5]!.id)).toBe(w.accounts[5])
    expect(postById(w, '1')).toBeUndefined()
  })

  it('creates posts in the last 72 h, after their authors joined, from authors only', () => {
    for (const p of w.posts) {
      expect(p.createdAtMs).toBeLessThan(w.nowMs)
      expect(p.createdAtMs).toBeGreaterThanOrEqual(w.nowMs - 72 * HOUR_MS)
      const author = w.accounts[p.authorIndex]!
      expect(author.isAuthor).toBe(true)
      expect(author.createdAtMs).toBeLessThan(p.createdAtMs)
    }
  })

  it('links replies, quotes and reposts to older posts with a valid conversation root', () => {
    const kinds = new Map<string, number>()
    let replyToReply = 0
    for (const p of w.posts) {
      kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1)
      const parents = [p.replyTo, p.quoteOf, p.repostOf].filter((i) => i >= 0)
      expect(parents.length).toBe(p.kind === 'original' ? 0 : 1)
      for (const parent of parents) expect(w.posts[parent]!.createdAtMs).toBeLessThan(p.createdAtMs)
      const root = w.posts[p.conversation]!
      expect(root.replyTo).toBe(-1)
      expect(root.repostOf).toBe(-1)
      if (p.kind === 'reply') {
        expect(p.conversation).toBe(w.posts[p.replyTo]!.conversation)
        if (w.posts[p.replyTo]!.kind === 'reply') replyToReply++
      } else if (p.kind === 'repost') {
        expect(w.posts[p.repostOf]!.kind).not.toBe('repost')
        expect(contentOf(w, p)).toBe(w.posts[p.repostOf])
        expect(p.counts).toEqual(w.posts[p.repostOf]!.counts)
      } else {
        expect(p.conversation).toBe(p.index)
      }
    }
    expect(kinds.get('reply')).toBeGreaterThan(100)
    expect(kinds.get('quote')).toBeGreaterThan(30)
    expect(kinds.get('repost')).toBeGreaterThan(30)
    expect(replyToReply).toBeGreaterThan(5)
  })

  it('counts at least the replies, quotes and reposts the world itself holds', () => {
    const replies = new Map<number, number>()
    for (const p of w.posts) if (p.replyTo >= 0) replies.set(p.replyTo, (replies.get(p.replyTo) ?? 0) + 1)
    for (const [i, n] of replies) expect(w.posts[i]!.counts.reply).toBeGreaterThanOrEqual(n)
    for (const p of w.posts) {
      expect(p.counts.view).toBeGreaterThanOrEqual(8)
      expect(p.counts.favorite).toBeGreaterThanOrEqual(1)
    }
  })

  it('has no self-follows, some mutual follows, and follows that lean to shared topics', () => {
    let mutual = 0
    let sameTopic = 0
    for (const [u, v] of w.follows.pairs()) {
      expect(u).not.toBe(v)
      if (w.follows.follows(v, u)) mutual++
      if (w.accounts[u]!.pref[w.accounts[v]!.primaryTopic]! > 0) sameTopic++
    }
    expect(mutual).toBeGreaterThan(0.05 * w.follows.edgeCount)
    expect(w.follows.mutual(0, 0)).toBe(false)
    // With 2–4 of 16 topics preferred, random follows would share a topic about 20% of the time.
    expect(sameTopic / w.follows.edgeCount).toBeGreaterThan(0.6)
  })

  it('gives videos (only) durations and sets media, links and language plausibly', () => {
    for (const p of w.posts) {
      expect(p.videoDurationMs > 0).toBe(p.media === 'video')
      expect(hasLinkText(p.text)).toBe(p.hasLink)
      expect(p.text.length).toBeGreaterThan(0)
    }
    const share = (f: (p: (typeof w.posts)[number]) => boolean) => w.posts.filter(f).length / w.posts.length
    expect(share((p) => p.media === 'image')).toBeGreaterThan(0.08)
    expect(share((p) => p.media === 'video')).toBeGreaterThan(0.02)
    expect(share((p) => p.media === 'gif')).toBeGreaterThan(0.01)
    expect(share((p) => p.language === 'en')).toBeGreaterThan(0.7)
    expect(share((p) => p.language !== 'en')).toBeGreaterThan(0.02)
  })

  it('keeps subscriber-only posts to subscription-offering authors and spam phrases to spammers', () => {
    for (const p of w.posts) {
      const author = w.accounts[p.authorIndex]!
      if (p.subscriberOnly) expect(author.offersSubscriptions).toBe(true)
      if (p.kind === 'repost') continue
      const spammyText = SPAM_PHRASES.some((s) => p.text.includes(s))
      expect(spammyText).toBe(author.spammy)
    }
  })
})

describe('generateWorld (default preset)', () => {
  const w = testWorld('default', 20260721)
  const authors = w.accounts.filter((a) => a.isAuthor)

  it('has the configured size', () => {
    expect(w.accounts.length).toBe(4000)
    expect(authors.length).toBe(1200)
    expect(w.posts.length).toBe(40_000)
    expect(w.posts.some((p) => p.subscriberOnly)).toBe(true)
  })

  it('flags about 5% of authors NSFW and 4% spammy', () => {
    const nsfw = authors.filter((a) => a.nsfw).length / authors.length
    const spammy = authors.filter((a) => a.spammy).length / authors.length
    expect(nsfw).toBeGreaterThan(0.03)
    expect(nsfw).toBeLessThan(0.075)
    expect(spammy).toBeGreaterThan(0.02)
    expect(spammy).toBeLessThan(0.06)
  })

  it('has Zipf-like views and favorites per view that follow post quality', () => {
    const views = w.posts.map((p) => p.counts.view).sort((a, b) => b - a)
    const head = views.slice(0, 400).reduce((s, x) => s + x, 0) / 400
    const tail = views.slice(-20_000).reduce((s, x) => s + x, 0) / 20_000
    expect(head / tail).toBeGreaterThan(50)
    const seen = w.posts.filter((p) => p.kind !== 'repost' && p.counts.view >= 2000)
    const hi = seen.filter((p) => p.quality > 0.6)
    const lo = seen.filter((p) => p.quality < 0.4)
    const rate = (ps: typeof seen) =>
      ps.reduce((s, p) => s + p.counts.favorite / p.counts.view, 0) / ps.length
    expect(rate(hi)).toBeGreaterThan(2 * rate(lo))
  })
})
