import { describe, expect, it } from 'vitest'
import { DISCRETE_ACTIONS, DISCRETE_INDEX as I, NEGATIVE_ACTIONS } from '../phoenix/actions.ts'
import { HOUR_MS } from './config.ts'
import { EXPECTED_DWELL_INDEX, oracleAffinity, TRUTH_LENGTH, trueProbabilities, truthInto } from './truth.ts'
import { testWorld } from './world.fixtures.ts'
import type { World, WorldAccount } from './world-types.ts'

const w = testWorld('default', 20260721)
const served = w.nowMs - HOUR_MS
const NEGATIVE = new Set<number>(NEGATIVE_ACTIONS.map((a) => I[a]))
const POSITIVE_HEADS = DISCRETE_ACTIONS.map((_, i) => i).filter(
  (i) => !NEGATIVE.has(i) && i !== I.post_unexplored,
)

/** The world with one viewer's topic preferences replaced (everything else shared). */
function withPref(world: World, viewer: number, pref: Float64Array): World {
  const account: WorldAccount = { ...world.accounts[viewer]!, pref, maxPref: Math.max(...pref) }
  const accounts = world.accounts.slice()
  accounts[viewer] = account
  return { ...world, accounts }
}

function pairs(n: number): [number, number][] {
  const out: [number, number][] = []
  for (let k = 0; out.length < n; k++) {
    const viewer = (k * 7919) % w.accounts.length
    const post = (k * 104_729) % w.posts.length
    if (w.posts[post]!.authorIndex !== viewer) out.push([viewer, post])
  }
  return out
}

describe('trueProbabilities', () => {
  it('returns one probability per discrete head, then the expected dwell', () => {
    const p = w.posts[10]!
    const t = trueProbabilities(w, w.accounts[3]!.id, p.id, { servedAtMs: served })
    expect(t).toHaveLength(TRUTH_LENGTH)
    expect(TRUTH_LENGTH).toBe(DISCRETE_ACTIONS.length + 1)
    for (let i = 0; i < DISCRETE_ACTIONS.length; i++) {
      expect(t[i]).toBeGreaterThanOrEqual(0)
      expect(t[i]).toBeLessThanOrEqual(1)
    }
    expect(t[I.not_dwelled]! + t[I.dwell]!).toBeCloseTo(1, 12)
    expect(t[EXPECTED_DWELL_INDEX]).toBeGreaterThan(0)
    expect(t[EXPECTED_DWELL_INDEX]).toBeLessThanOrEqual(30)
    expect(() => trueProbabilities(w, 'nobody', p, { servedAtMs: served })).toThrow()
  })

  it('rises with topic affinity for every positive head and falls for every negative one', () => {
    const out = new Float64Array(TRUTH_LENGTH)
    let strictlyHigher = 0
    for (const [viewer, postIndex] of pairs(300)) {
      const post = w.posts[postIndex]!
      const content = post.repostOf >= 0 ? w.posts[post.repostOf]! : post
      const other =
        (content.topic + 5) % 16 === content.topic2 ? (content.topic + 6) % 16 : (content.topic + 5) % 16
      let previous: Float64Array | undefined
      // Affinity is relative to the viewer's top preference, so move weight from another topic to the post's.
      for (const lambda of [0, 0.1, 0.2, 0.3, 0.4, 0.5]) {
        const pref = new Float64Array(16)
        pref[content.topic] = lambda
        pref[other] = 1 - lambda
        truthInto(withPref(w, viewer, pref), viewer, post, served, out)
        const now = out.slice()
        if (previous !== undefined) {
          for (const i of POSITIVE_HEADS) expect(now[i]).toBeGreaterThanOrEqual(previous[i]! - 1e-15)
          for (const i of NEGATIVE) expect(now[i]).toBeLessThanOrEqual(previous[i]! + 1e-15)
          if (now[I.favorite]! > previous[I.favorite]!) strictlyHigher++
        }
        previous = now
      }
    }
    expect(strictlyHigher).toBeGreaterThan(300 * 5 * 0.9)
  })

  it('ranks a matching post above an off-topic one for the retrieval oracle', () => {
    let wins = 0
    for (const [viewer, postIndex] of pairs(200)) {
      const post = w.posts[postIndex]!
      const content = post.repostOf >= 0 ? w.posts[post.repostOf]! : post
      const on = new Float64Array(16)
      on[content.topic] = 1
      const off = new Float64Array(16)
      off[(content.topic + 8) % 16] = 1
      const id = w.accounts[viewer]!.id
      if (
        oracleAffinity(withPref(w, viewer, on), id, post.id) >
        oracleAffinity(withPref(w, viewer, off), id, post.id)
      )
        wins++
    }
    expect(wins).toBeGreaterThan(190)
  })

  it('makes negative feedback much likelier for NSFW and spammy authors', () => {
    const out = new Float64Array(TRUTH_LENGTH)
    const mean = (flag: (a: WorldAccount) => boolean, head: number) => {
      let sum = 0
      let n = 0
      for (const [viewer, postIndex] of pairs(20_000)) {
        const post = w.posts[postIndex]!
        if (post.repostOf >= 0 || !flag(w.accounts[post.authorIndex]!)) continue
        truthInto(w, viewer, post, served, out)
        sum += out[head]!
        n++
      }
      return sum / n
    }
    const clean = (a: WorldAccount) => !a.nsfw && !a.spammy
    for (const head of [I.block_author, I.report]) {
      expect(mean((a) => a.spammy, head)).toBeGreaterThan(5 * mean(clean, head))
      expect(mean((a) => a.nsfw, head)).toBeGreaterThan(4 * mean(clean, head))
    }
    for (const head of [I.not_interested, I.mute_author]) {
      expect(mean((a) => a.spammy, head)).toBeGreaterThan(1.5 * mean(clean, head))
      expect(mean((a) => a.nsfw, head)).toBeGreaterThan(1.5 * mean(clean, head))
    }
  })

  it('gives media, quote, link and follow heads mass only where they apply', () => {
    const out = new Float64Array(TRUTH_LENGTH)
    for (const [viewer, postIndex] of pairs(5000)) {
      const post = w.posts[postIndex]!
      const content = post.repostOf >= 0 ? w.posts[post.repostOf]! : post
      truthInto(w, viewer, post, served, out)
      expect(out[I.photo_expand]! > 0).toBe(content.media === 'image')
      expect(out[I.video_open]! > 0).toBe(content.media === 'video')
      expect(out[I.vqv]! > 0).toBe(content.media === 'video' && content.videoDurationMs >= 10_000)
      expect(out[I.quoted_click]! > 0).toBe(post.quoteOf >= 0)
      if (out[I.quoted_vqv]! > 0) expect(w.posts[post.quoteOf]!.media).toBe('video')
      expect(out[I.open_link]! > 0).toBe(content.hasLink)
      if (w.follows.follows(viewer, post.authorIndex)) expect(out[I.follow_author]).toBe(0)
    }
  })

  it('raises favorite and reply in network and reply further for mutual follows', () => {
    const out = new Float64Array(TRUTH_LENGTH)
    const [viewer, followee] = [...w.follows.pairs()].find(([u, v]) => w.follows.mutual(u, v))!
    const post = w.posts[w.indices.byAuthor[followee]![0]!]!
    truthInto(w, viewer, post, served, out)
    const inNet = out.slice()
    const follows = w.follows
    const unfollowed: World = {
      ...w,
      follows: Object.assign(Object.create(follows), { follows: () => false }),
    }
    truthInto(unfollowed, viewer, post, served, out)
    expect(inNet[I.favorite]).toBeGreaterThan(out[I.favorite]!)
    expect(inNet[I.reply]! / inNet[I.favorite]!).toBeGreaterThan(out[I.reply]! / out[I.favorite]!)
    expect(out[I.follow_author]).toBeGreaterThan(0)
  })

  it('lowers engagement as a post ages', () => {
    const out = new Float64Array(TRUTH_LENGTH)
    const post = w.posts[100]!
    truthInto(w, 5, post, post.createdAtMs + HOUR_MS, out)
    const fresh = out[I.favorite]!
    truthInto(w, 5, post, post.createdAtMs + 30 * HOUR_MS, out)
    expect(out[I.favorite]).toBeLessThan(fresh)
  })
})
