// Realistic text for spammy authors' posts in the edge seed (export-seed.ts), so Grox's spam classifier is
// measured on something like spam rather than on the training text's word salad. It lives beside the
// generator instead of in it on purpose: `composeText` (with its spam phrases) stays the text the ranker
// was trained on, so the committed training data and models are unchanged; only the seeded posts of
// spammy authors (~8% of posts) read differently at the edge. Deterministic per (world seed, post id).
import { Rng } from './rng.ts'
import { TOPIC_WORDS } from './vocab-topics.ts'

const OPENERS = [
  '🔥',
  '🚨',
  '💰',
  '✅',
  '‼️',
  'ATTENTION',
  'HUGE NEWS',
  'Hey friends',
  'Don’t miss this',
  'Last chance',
]
const OFFERS = [
  'earn {usd} a day from home, no experience needed',
  'claim your FREE {prize} before midnight',
  'our {topic} signals made members {usd} this week, guaranteed returns',
  'the {topic} airdrop is LIVE, connect your wallet to claim {usd}',
  'get 10,000 followers for only {usd_small}',
  'limited time offer: {percent}% off everything {topic}',
  'double your money in 24 hours with our {topic} bot',
  'you have been selected to win a {prize}',
  'cheap {topic} deals, lowest prices online, order now',
  'work from home and make {usd} per week, ask me how',
]
const CALLS = [
  'Click here now',
  'DM me for details',
  'Link in bio',
  'Act fast, only {n} spots left',
  'Reply YES to get started',
  'Sign up free today',
  'Visit our website',
  'Follow and retweet to enter',
]
const PRIZES = ['iPhone 16', '$500 gift card', 'PS5', 'Tesla', 'cash prize', 'vacation package']

function fill(template: string, rng: Rng, topic: string): string {
  return template
    .replace('{usd}', `$${rng.int(2, 90) * 100}`)
    .replace('{usd_small}', `$${rng.int(5, 49)}`)
    .replace('{percent}', String(rng.int(5, 9) * 10))
    .replace('{prize}', rng.pick(PRIZES))
    .replace('{topic}', topic)
    .replace('{n}', String(rng.int(3, 20)))
}

/** A spam post (promotion, giveaway, scam) that name-drops the post's topic, with a link. */
export function spamPostText(
  worldSeed: number,
  postId: string,
  topic: number,
  replyToHandle?: string,
): string {
  const rng = Rng.derive(worldSeed, 'spam-text', postId)
  const topicWord = rng.pick(TOPIC_WORDS[topic]!)
  const offer = fill(rng.pick(OFFERS), rng, topicWord)
  const parts = [
    ...(replyToHandle ? [`@${replyToHandle}`] : []),
    rng.pick(OPENERS),
    `${offer.charAt(0).toUpperCase()}${offer.slice(1)}${rng.bernoulli(0.5) ? '!!!' : '.'}`,
    `${fill(rng.pick(CALLS), rng, topicWord)}:`,
    `https://t.co/${rng.int(100000, 999999).toString(36)}${rng.int(1000, 9999)}`,
  ]
  return parts.join(' ')
}
