// Accounts: every account is a user (topic preferences, activity, taste per author style, language);
// a subset also posts (quality, style, flags, fame, posting rate). Topic preferences follow upstream:
// 2–4 topics with Gamma(1.5) weights.
import { SUBSCRIPTION_TIERS, type SubscriptionTier } from '../types/domain.ts'
import { DAY_MS, type WorldConfig } from './config.ts'
import type { Rng } from './rng.ts'
import type { IdAllocator } from './snowflake.ts'
import { LANGUAGE_WEIGHTS, LANGUAGES, STYLES } from './vocab.ts'
import { TOPIC_WORDS, TOPICS } from './vocab-topics.ts'
import type { WorldAccount } from './world-types.ts'

const STYLE_WEIGHTS = [0.35, 0.2, 0.15, 0.15, 0.15]
export const NSFW_RATE = 0.05
export const SPAMMY_RATE = 0.04
const OLDEST_ACCOUNT_DAYS = 8 * 365

function topicPreferences(rng: Rng): Float64Array {
  const pref = new Float64Array(TOPICS.length)
  const k = rng.int(2, 4)
  const order = rng.shuffle(TOPICS.map((_, i) => i))
  let total = 0
  for (let j = 0; j < k; j++) {
    const w = rng.gamma(1.5) + 0.05
    pref[order[j]!] = w
    total += w
  }
  for (let t = 0; t < pref.length; t++) pref[t] = pref[t]! / total
  return pref
}

function topTwo(pref: Float64Array): [number, number] {
  let first = 0
  for (let t = 1; t < pref.length; t++) if (pref[t]! > pref[first]!) first = t
  let second = first === 0 ? 1 : 0
  for (let t = 0; t < pref.length; t++) if (t !== first && pref[t]! > pref[second]!) second = t
  return [first, second]
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

function tier(rng: Rng, isAuthor: boolean): SubscriptionTier {
  const weights = isAuthor ? [0.55, 0.12, 0.2, 0.13] : [0.82, 0.07, 0.08, 0.03]
  return SUBSCRIPTION_TIERS[rng.categorical(weights)]!
}

/** Accounts in creation order (index order = id order). */
export function generateAccounts(config: WorldConfig, rng: Rng, ids: IdAllocator): WorldAccount[] {
  const n = config.accounts
  if (config.authors > n) throw new Error('authors must not exceed accounts')
  const authorSet = new Set(rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, config.authors))
  const created = Array.from({ length: n }, () =>
    Math.round(config.nowMs - (4 + rng.beta(1.2, 2) * OLDEST_ACCOUNT_DAYS) * DAY_MS - rng.next() * DAY_MS),
  ).sort((a, b) => a - b)

  return created.map((createdAtMs, index): WorldAccount => {
    const isAuthor = authorSet.has(index)
    const pref = topicPreferences(rng)
    const [primaryTopic, secondaryTopic] = topTwo(pref)
    const word = rng.pick(TOPIC_WORDS[primaryTopic]!)
    const spammy = isAuthor && rng.bernoulli(SPAMMY_RATE)
    const subscriptionTier = tier(rng, isAuthor)
    return {
      index,
      id: ids.next(createdAtMs),
      handle: `${word.slice(0, 9)}${index}`,
      displayName: `${capitalize(word)} ${capitalize(rng.pick(TOPIC_WORDS[secondaryTopic]!))}`,
      createdAtMs,
      subscriptionTier,
      protected: !isAuthor && rng.bernoulli(0.02),
      language: LANGUAGES[rng.categorical(LANGUAGE_WEIGHTS)]!,
      isAuthor,
      pref,
      maxPref: pref[primaryTopic]!,
      activity: rng.lognormal(0, 0.6),
      styleTaste: Float64Array.from(STYLES, () => rng.normal(0, 0.6)),
      // Spammers are low quality by construction; others follow upstream's Beta(2, 2).
      quality: isAuthor ? (spammy ? rng.beta(1.2, 5) : rng.beta(2, 2)) : 0,
      style: isAuthor ? rng.categorical(STYLE_WEIGHTS) : 0,
      primaryTopic,
      secondaryTopic,
      fame: isAuthor ? rng.lognormal(0, 1.1) : 0,
      postRate: isAuthor ? rng.lognormal(0, 0.9) * (spammy ? 2 : 1) : 0,
      nsfw: isAuthor && rng.bernoulli(NSFW_RATE),
      spammy,
      offersSubscriptions: isAuthor && subscriptionTier === 'premium_plus',
    }
  })
}
