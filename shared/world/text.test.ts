import { describe, expect, it } from 'vitest'
import { Rng } from './rng.ts'
import { composeText, hasLinkText } from './text.ts'
import { FILLER_EN, SPAM_PHRASES, STYLE_HABITS } from './vocab.ts'
import { TOPIC_WORDS, TOPICS } from './vocab-topics.ts'
import { testWorld } from './world.fixtures.ts'
import type { WorldPost } from './world-types.ts'

/** Multinomial naive Bayes over whitespace tokens, add-one smoothing. */
function trainClassifier(posts: readonly WorldPost[]) {
  const counts = TOPICS.map(() => new Map<string, number>())
  const totals = new Float64Array(TOPICS.length)
  const docs = new Float64Array(TOPICS.length)
  const vocab = new Set<string>()
  for (const p of posts) {
    docs[p.topic]! += 1
    for (const tok of p.text.toLowerCase().split(/\s+/)) {
      counts[p.topic]!.set(tok, (counts[p.topic]!.get(tok) ?? 0) + 1)
      totals[p.topic]! += 1
      vocab.add(tok)
    }
  }
  return (text: string): number => {
    let best = 0
    let bestScore = Number.NEGATIVE_INFINITY
    for (let t = 0; t < TOPICS.length; t++) {
      let score = Math.log((docs[t]! + 1) / (posts.length + TOPICS.length))
      for (const tok of text.toLowerCase().split(/\s+/)) {
        score += Math.log(((counts[t]!.get(tok) ?? 0) + 1) / (totals[t]! + vocab.size))
      }
      if (score > bestScore) {
        bestScore = score
        best = t
      }
    }
    return best
  }
}

describe('vocabularies', () => {
  it('gives each of the 16 topics 40 words of its own, none shared with filler', () => {
    expect(TOPICS).toHaveLength(16)
    const all = TOPIC_WORDS.flat()
    for (const words of TOPIC_WORDS) expect(words).toHaveLength(40)
    expect(new Set(all).size).toBe(all.length)
    for (const f of FILLER_EN) expect(all).not.toContain(f)
  })
})

describe('composeText', () => {
  it('always carries two or more topic words, spam phrases only when spammy, links when asked', () => {
    const rng = new Rng(9)
    for (let i = 0; i < 500; i++) {
      const spammy = i % 5 === 0
      const { text, wordCount } = composeText(rng, {
        habits: STYLE_HABITS.meme,
        topic: i % 16,
        topic2: (i + 1) % 16,
        topicWeight: 1,
        language: 'en',
        spammy,
        hasLink: i % 3 === 0,
      })
      const own = new Set(TOPIC_WORDS[i % 16])
      expect(text.split(' ').filter((w) => own.has(w)).length).toBeGreaterThanOrEqual(2)
      expect(SPAM_PHRASES.some((s) => text.includes(s))).toBe(spammy)
      expect(hasLinkText(text)).toBe(i % 3 === 0)
      expect(wordCount).toBe(text.split(' ').length)
    }
  })
})

describe('post text carries the topic', () => {
  const w = testWorld('default', 20260721)
  const cutoff = w.nowMs - 12 * 3_600_000
  const train = w.posts.filter((p) => p.createdAtMs < cutoff)
  const heldOut = w.posts.filter((p) => p.createdAtMs >= cutoff && p.kind !== 'repost')

  it('lets a bag-of-words classifier trained on older posts label held-out posts > 80% right', () => {
    const classify = trainClassifier(train)
    const correct = heldOut.filter((p) => classify(p.text) === p.topic).length
    expect(heldOut.length).toBeGreaterThan(2000)
    expect(correct / heldOut.length).toBeGreaterThan(0.8)
  })

  it('is a real signal: with shuffled training labels the classifier is near chance', () => {
    const rng = new Rng(5)
    const topics = rng.shuffle(train.map((p) => p.topic))
    const classify = trainClassifier(train.map((p, i) => ({ ...p, topic: topics[i]! })))
    const correct = heldOut.filter((p) => classify(p.text) === p.topic).length
    expect(correct / heldOut.length).toBeLessThan(0.25)
  })
})
