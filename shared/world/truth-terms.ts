// The observable-driven terms the truth model is built from. Each term is something a model can see:
// topic affinity (history vs. text), quality (author id + counts per view), style taste (history's
// authors), flags, language, network, age, reply-ness.
import { HOUR_MS } from './config.ts'
import { sigmoid } from './math.ts'
import type { World, WorldAccount, WorldPost } from './world-types.ts'

export interface TruthTerms {
  /** Topic affinity relative to the viewer's strongest preference, in [0, 1]. */
  affinity: number
  /** Mean of author and post quality, in [0, 1]. */
  quality: number
  styleTaste: number
  inNetwork: boolean
  mutual: boolean
  spammy: boolean
  nsfw: boolean
  understands: boolean
  ageHours: number
  isReply: boolean
  /** Logit of the positive-engagement gate, and of the negative-feedback gate. */
  positiveLogit: number
  negativeLogit: number
}

/** Raw upstream-style affinity pref[viewer] · topicMix[post]. */
export function topicAffinity(viewer: WorldAccount, content: WorldPost): number {
  const w = content.topicWeight
  return w * viewer.pref[content.topic]! + (1 - w) * viewer.pref[content.topic2]!
}

/** Context-free part of the positive logit: what retrieval's oracle ranks by. */
export function intrinsicLogit(world: World, viewer: WorldAccount, post: WorldPost): number {
  const content = post.repostOf >= 0 ? world.posts[post.repostOf]! : post
  const author = world.accounts[content.authorIndex]!
  const affinity = topicAffinity(viewer, content) / viewer.maxPref
  const quality = 0.5 * (author.quality + content.quality)
  const understands = content.language === 'en' || content.language === viewer.language
  return (
    5.5 * (affinity - 0.45) +
    3 * (quality - 0.5) +
    viewer.styleTaste[author.style]! -
    (author.spammy ? 1.2 : 0) -
    (author.nsfw ? 0.6 : 0) -
    (understands ? 0 : 1.5) -
    (post.replyTo >= 0 ? 0.4 : 0)
  )
}

export function truthTerms(
  world: World,
  viewerIndex: number,
  post: WorldPost,
  servedAtMs: number,
): TruthTerms {
  const viewer = world.accounts[viewerIndex]!
  const content = post.repostOf >= 0 ? world.posts[post.repostOf]! : post
  const author = world.accounts[content.authorIndex]!
  const inNetwork = world.follows.follows(viewerIndex, post.authorIndex)
  const mutual = inNetwork && world.follows.follows(post.authorIndex, viewerIndex)
  const affinity = topicAffinity(viewer, content) / viewer.maxPref
  const quality = 0.5 * (author.quality + content.quality)
  const styleTaste = viewer.styleTaste[author.style]!
  const understands = content.language === 'en' || content.language === viewer.language
  const ageHours = Math.max(0, servedAtMs - post.createdAtMs) / HOUR_MS
  const isReply = post.replyTo >= 0
  const positiveLogit =
    intrinsicLogit(world, viewer, post) +
    (inNetwork ? 0.5 : 0) +
    (mutual ? 0.3 : 0) -
    (0.5 * Math.min(ageHours, 48)) / 24
  const negativeLogit =
    4.5 * (0.3 - affinity) -
    2 * (quality - 0.5) -
    0.5 * styleTaste +
    (author.spammy ? 2.5 : 0) +
    (author.nsfw ? 2.2 : 0) +
    (understands ? 0 : 1) -
    (inNetwork ? 0.8 : 0) -
    1
  return {
    affinity,
    quality,
    styleTaste,
    inNetwork,
    mutual,
    spammy: author.spammy,
    nsfw: author.nsfw,
    understands,
    ageHours,
    isReply,
    positiveLogit,
    negativeLogit,
  }
}

export function gates(t: TruthTerms): { positive: number; negative: number } {
  return { positive: sigmoid(t.positiveLogit), negative: sigmoid(t.negativeLogit) }
}
