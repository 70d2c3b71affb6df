// The committed spam model against the SpamAssassin held-out split (recomputed here from the corpus, not
// read from a report), the metric arithmetic, and the world's spam text.
import { readFileSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { spamFeatures } from '../../edge/grox/classifiers/spam/spam-features.ts'
import { SpamModel, type SpamModelFile } from '../../edge/grox/classifiers/spam/spam-model.ts'
import { worldConfig } from '../../shared/world/config.ts'
import { seedPostText } from '../../shared/world/export-seed.ts'
import { generateWorld } from '../../shared/world/world.ts'
import { evaluateHeldOut } from './evaluate-spam.ts'
import { emailToText, isHeldOut, loadSpamAssassin } from './spam-corpus.ts'
import { spamMetrics } from './spam-metrics.ts'
import { SPAM_MODEL_PATH } from './train-spam.ts'

const file = JSON.parse(readFileSync(SPAM_MODEL_PATH, 'utf8')) as SpamModelFile
const model = new SpamModel(file)

describe('the committed spam model', () => {
  it('reaches F1 ≥ 0.97 on the fixed SpamAssassin held-out split', () => {
    const corpus = loadSpamAssassin()
    expect(corpus).toHaveLength(6046)
    const heldOut = corpus.filter(isHeldOut)
    expect(heldOut.length).toBeGreaterThan(1100)
    expect(heldOut.length).toBeLessThan(1350)
    const m = evaluateHeldOut(model, corpus)
    expect(m.positives).toBe(heldOut.filter((e) => e.spam).length)
    expect(m.f1).toBeGreaterThanOrEqual(0.97)
  }, 60_000)

  it('is a compact file (a few hundred KB at most)', () => {
    expect(statSync(SPAM_MODEL_PATH).size).toBeLessThan(300_000)
    expect(file.format).toBe('fye-spam-logistic-int8/1')
  })

  it('flags obvious spam and passes ordinary posts', () => {
    expect(
      model.score('FREE GIVEAWAY!!! Claim your prize now, limited time offer: https://bit.ly/win').positive,
    ).toBe(true)
    expect(
      model.score('Earn $5000 a week from home, no experience needed. Click here to sign up!').positive,
    ).toBe(true)
    expect(model.score('The patch fixes the kernel build on older gcc, thanks for the review').positive).toBe(
      false,
    )
  })
})

describe('spam metrics', () => {
  it('counts precision, recall and F1 of the spam class', () => {
    // truth: S S S H H; predicted: S S H S H → tp 2, fn 1, fp 1
    const m = spamMetrics([true, true, false, true, false], [true, true, true, false, false])
    expect([m.truePositives, m.falsePositives, m.falseNegatives]).toEqual([2, 1, 1])
    expect(m.precision).toBeCloseTo(2 / 3)
    expect(m.recall).toBeCloseTo(2 / 3)
    expect(m.f1).toBeCloseTo(2 / 3)
  })
})

describe('spam features and corpus parsing', () => {
  it('L2-normalises hashed features so length does not scale the score', () => {
    const f = spamFeatures('win win win money now')
    const norm = Math.sqrt([...f.values()].reduce((s, v) => s + v * v, 0))
    expect(norm).toBeCloseTo(1)
  })

  it('keeps the subject and readable body of an email and drops its headers', () => {
    const raw =
      'From x  Thu\nReceived: from relay.example\nSubject: Cheap meds\nContent-Type: text/html\n\n<p>Buy&nbsp;now</p>'
    const text = emailToText(raw)
    expect(text).toContain('Cheap meds')
    expect(text).toContain('Buy now')
    expect(text).not.toContain('relay.example')
  })
})

describe("the world's spam text", () => {
  const world = generateWorld(worldConfig('small', 7))
  const originals = world.posts.filter((p) => p.repostOf < 0)

  it('replaces only spammy authors’ text in the edge seed, deterministically', () => {
    for (const p of originals) {
      const spammy = world.accounts[p.authorIndex]!.spammy
      expect(seedPostText(world, p) === p.text).toBe(!spammy)
      expect(seedPostText(world, p)).toBe(seedPostText(world, p))
    }
  })

  it('is caught by the model (recall ≥ 0.9 over spammy authors’ posts)', () => {
    const spam = originals.filter((p) => world.accounts[p.authorIndex]!.spammy)
    expect(spam.length).toBeGreaterThan(0)
    const caught = spam.filter((p) => model.score(seedPostText(world, p)).positive).length
    expect(caught / spam.length).toBeGreaterThanOrEqual(0.9)
  })
})
