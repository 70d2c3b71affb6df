// Ground truth: P(action | viewer, post, context) for every DISCRETE_ACTIONS head (same order) and the
// expected capped dwell seconds. Positives scale a base rate by the positive gate; negatives by the
// negative gate (low affinity, spam, NSFW); dwell time is lognormal and `dwell` = dwell ≥ 8 s, so
// P(dwell) and E[min(dwell, 30 s)] are closed-form. Labels are Bernoulli draws from these.
import { DISCRETE_ACTIONS, DISCRETE_INDEX, DWELL_CAP_SECONDS } from '../phoenix/actions.ts'
import { expectedCappedLognormal, normalCdf, sigmoid } from './math.ts'
import { intrinsicLogit, truthTerms } from './truth-terms.ts'
import type { World, WorldPost } from './world-types.ts'

/** Truth vectors hold the 23 discrete probabilities, then the expected dwell seconds. */
export const EXPECTED_DWELL_INDEX = DISCRETE_ACTIONS.length
export const TRUTH_LENGTH = DISCRETE_ACTIONS.length + 1
/** The `dwell` head fires when the dwell time reaches this. */
export const DWELL_THRESHOLD_SECONDS = 8
export const DWELL_SIGMA = 0.8
const LN_DWELL_THRESHOLD = Math.log(DWELL_THRESHOLD_SECONDS)
const QUALITY_VIEW_SECONDS = 10
// A plain object copy: module-namespace getters are measurably slow in this hot path under tsx.
const I = { ...DISCRETE_INDEX }

export interface TruthContext {
  servedAtMs: number
}

function dwellMu(world: World, post: WorldPost, gate: number, spammy: boolean): number {
  const content = post.repostOf >= 0 ? world.posts[post.repostOf]! : post
  const media =
    content.media === 'video' ? 0.4 : content.media === 'image' ? 0.2 : content.media === 'gif' ? 0.1 : 0
  return (
    Math.log(2.1) +
    1.8 * gate +
    0.45 * Math.log(Math.max(content.wordCount, 3) / 15) +
    media -
    (spammy ? 0.5 : 0)
  )
}

/**
 * Writes the truth for (viewer, post) at servedAtMs into `out` (length TRUTH_LENGTH) and returns the
 * dwell lognormal's mu (sigma is DWELL_SIGMA), which label sampling needs.
 */
export function truthInto(
  world: World,
  viewerIndex: number,
  post: WorldPost,
  servedAtMs: number,
  out: Float64Array,
): number {
  const t = truthTerms(world, viewerIndex, post, servedAtMs)
  const g = sigmoid(t.positiveLogit)
  const neg = sigmoid(t.negativeLogit)
  const content = post.repostOf >= 0 ? world.posts[post.repostOf]! : post
  const inNet = t.inNetwork ? 1 : 0
  const quoted = post.quoteOf >= 0 ? world.posts[post.quoteOf]! : undefined
  const isSelf = post.authorIndex === viewerIndex

  out[I.favorite] = 0.2 * g * (1 + 0.35 * inNet)
  out[I.reply] = 0.028 * g * (1 + 0.6 * inNet + (t.mutual ? 1.2 : 0))
  out[I.repost] = 0.05 * g * (0.6 + 0.8 * t.quality)
  out[I.photo_expand] = content.media === 'image' ? 0.08 + 0.3 * g : 0
  out[I.video_open] = content.media === 'video' ? 0.06 + 0.3 * g : 0
  out[I.click] = 0.03 + 0.13 * g
  out[I.open_link] = content.hasLink ? (t.spammy ? 0.02 : 0.05 + 0.15 * g) : 0
  out[I.profile_click] = 0.01 + 0.04 * g * (t.inNetwork ? 0.6 : 1.4)
  const longVideo = content.media === 'video' && content.videoDurationMs >= QUALITY_VIEW_SECONDS * 1000
  out[I.vqv] = longVideo ? 0.5 * g * Math.exp(-content.videoDurationMs / 240_000) : 0
  out[I.share] = 0.02 * g
  out[I.share_via_dm] = 0.008 * g
  out[I.share_via_copy_link] = 0.006 * g
  out[I.quote] = 0.015 * g
  out[I.quoted_click] = quoted !== undefined ? 0.05 + 0.2 * g : 0
  const quotedLongVideo =
    quoted !== undefined && quoted.media === 'video' && quoted.videoDurationMs >= QUALITY_VIEW_SECONDS * 1000
  out[I.quoted_vqv] = quotedLongVideo ? 0.3 * g : 0
  // Following is only possible out of network, and mostly happens for close matches.
  out[I.follow_author] = t.inNetwork || isSelf ? 0 : 0.08 * g * g
  out[I.not_interested] = 0.05 * neg
  out[I.mute_author] = 0.018 * neg * (t.spammy ? 2.5 : 1)
  out[I.block_author] = 0.006 * neg * (1 + (t.spammy ? 4 : 0) + (t.nsfw ? 3 : 0))
  out[I.report] = 0.003 * neg * (1 + (t.spammy ? 6 : 0) + (t.nsfw ? 5 : 0))
  out[I.post_unexplored] = 0.03 * (1 - g) * (1 + Math.min(content.wordCount, 50) / 50)

  const mu = dwellMu(world, post, g, t.spammy)
  const pDwell = normalCdf((mu - LN_DWELL_THRESHOLD) / DWELL_SIGMA)
  out[I.dwell] = pDwell
  out[I.not_dwelled] = 1 - pDwell
  out[EXPECTED_DWELL_INDEX] = expectedCappedLognormal(mu, DWELL_SIGMA, DWELL_CAP_SECONDS)
  return mu
}

function resolvePost(world: World, post: WorldPost | string): WorldPost {
  if (typeof post !== 'string') return post
  const i = world.postIndexById.get(post)
  if (i === undefined) throw new Error(`unknown post ${post}`)
  return world.posts[i]!
}

function resolveViewer(world: World, viewerId: string): number {
  const i = world.accountIndexById.get(viewerId)
  if (i === undefined) throw new Error(`unknown viewer ${viewerId}`)
  return i
}

/** P(action | viewer, post, context) per DISCRETE_ACTIONS entry, then expected dwell seconds (capped). */
export function trueProbabilities(
  world: World,
  viewerId: string,
  post: WorldPost | string,
  context: TruthContext,
): Float64Array {
  const out = new Float64Array(TRUTH_LENGTH)
  truthInto(world, resolveViewer(world, viewerId), resolvePost(world, post), context.servedAtMs, out)
  return out
}

/** The retrieval oracle's score: the context-free engagement gate, in (0, 1). */
export function oracleAffinity(world: World, viewerId: string, postId: string): number {
  const viewer = world.accounts[resolveViewer(world, viewerId)]!
  return sigmoid(intrinsicLogit(world, viewer, resolvePost(world, postId)))
}
