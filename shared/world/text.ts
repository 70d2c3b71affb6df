// Post text from vocabularies: topic words (by the post's topic mix), filler in the post's language, a
// few hashtags, spam phrases and links for spammy authors. The text is how a model sees a post's topic.
import type { Rng } from './rng.ts'
import { FILLER_BY_LANGUAGE, type Language, SPAM_PHRASES, type StyleHabits } from './vocab.ts'
import { TOPIC_HASHTAGS, TOPIC_WORDS } from './vocab-topics.ts'

const LINK_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const LINK_PREFIX = 'https://t.co/'

export interface TextSpec {
  habits: StyleHabits
  topic: number
  topic2: number
  topicWeight: number
  language: Language
  spammy: boolean
  hasLink: boolean
  /** Replies open with the parent author's handle. */
  replyToHandle?: string
}

export interface ComposedText {
  text: string
  wordCount: number
}

function link(rng: Rng): string {
  let s = LINK_PREFIX
  for (let i = 0; i < 10; i++) s += LINK_CHARS[Math.floor(rng.next() * LINK_CHARS.length)]
  return s
}

export function hasLinkText(text: string): boolean {
  return text.includes(LINK_PREFIX)
}

export function composeText(rng: Rng, spec: TextSpec): ComposedText {
  const { habits } = spec
  const filler = FILLER_BY_LANGUAGE[spec.language]
  const n = rng.int(habits.words[0], habits.words[1])
  const words: string[] = []
  let topical = 0
  for (let i = 0; i < n; i++) {
    // At least two topic words so even the shortest post says what it is about.
    const needTopic = n - i <= 2 - topical
    if (needTopic || rng.bernoulli(habits.topicShare)) {
      const t = rng.bernoulli(spec.topicWeight) ? spec.topic : spec.topic2
      words.push(rng.pick(TOPIC_WORDS[t]!))
      topical++
    } else {
      words.push(rng.pick(filler))
    }
  }
  if (spec.spammy) {
    const phrases = rng.int(1, 2)
    for (let i = 0; i < phrases; i++) words.splice(rng.int(0, words.length), 0, rng.pick(SPAM_PHRASES))
  }
  if (spec.replyToHandle !== undefined) words.unshift(`@${spec.replyToHandle}`)
  if (rng.bernoulli(habits.hashtags)) {
    const tags = rng.int(1, 3)
    for (let i = 0; i < tags; i++) words.push(rng.pick(TOPIC_HASHTAGS[spec.topic]!))
  }
  if (spec.hasLink) words.push(link(rng))
  const text = words.join(' ')
  return { text, wordCount: text.split(' ').length }
}
