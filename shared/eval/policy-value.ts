// Feed-level policy values: run whole ranking policies over the same candidate sets and score what each
// serves under the world's truth. A served post is worth upstream's weighted sum of its TRUE probabilities
// (weightedScore with the feed's params: the same heads, weights, gates and mutual-follow reply boost as
// the feed), split into its positive and negative parts; a policy's value is the sum over the posts it
// serves, averaged over sessions. Any caller (the web product's weight controls) can rank with other params
// and value with the same or with upstream's fixed ones.
import { DISCRETE_ACTIONS, type DiscreteAction } from '../phoenix/actions.ts'
import { rankFeed } from '../ranking/rank-feed.ts'
import type { PhoenixPrediction } from '../ranking/ranking-candidate.ts'
import { DEFAULT_RANKING_PARAMS, type RankingParams } from '../ranking/ranking-params.ts'
import type { PhoenixScoreEngine, PhoenixScores } from '../ranking/score-engine.ts'
import { weightedScore } from '../ranking/weighted-score.ts'
import type { FeedCandidate, FeedViewer } from '../types/feed.ts'

const A = DISCRETE_ACTIONS.length

export interface PolicySession {
  viewer: FeedViewer
  nowMs: number
  candidates: FeedCandidate[]
  /** The world's truth, row-major [candidates × (A + 1)]: the 23 probabilities, then expected dwell seconds. */
  truth: ArrayLike<number>
}

/**
 * `pipeline`: the full ranking pipeline (shared/ranking/rank-feed.ts: weighted score, new-author boost,
 * author diversity, OON factor, diversity rerank, top-K, visibility, conversation dedup, result size)
 * with these per-candidate scores in place of the ranker's. `order`: serve the first `resultSize`
 * candidates of this order (candidate indices, best first).
 */
export type RankingPolicy =
  | { name: string; kind: 'pipeline'; scores: (session: PolicySession, index: number) => PhoenixScores }
  | { name: string; kind: 'order'; order: (session: PolicySession) => number[] }

export interface PolicyValue {
  policy: string
  sessions: number
  /** Means per session: posts served, Σ value, Σ positive part, Σ negative part (≥ 0; value = pos − neg). */
  served: number
  value: number
  positive: number
  negative: number
}

function truthPrediction(truth: ArrayLike<number>, i: number): PhoenixPrediction {
  const probs = {} as Record<DiscreteAction, number>
  DISCRETE_ACTIONS.forEach((head, h) => {
    probs[head] = truth[i * (A + 1) + h]!
  })
  return { probs, dwellSeconds: truth[i * (A + 1) + A]!, engine: 'truth' }
}

/** One post's value under the world's truth: weightedScore's positive and negative sums, before the offset. */
export function servedPostValue(
  session: PolicySession,
  i: number,
  params: RankingParams = DEFAULT_RANKING_PARAMS,
): { positive: number; negative: number } {
  const c = session.candidates[i]!
  const mutual = c.authorIsMutualFollow || session.viewer.mutualFollowIds.includes(c.authorId)
  const w = weightedScore(c, truthPrediction(session.truth, i), mutual, params)
  return { positive: w.positive, negative: w.negative }
}

/** Session truth as PhoenixScores: the ceiling policy ranks by the probabilities the value is measured with. */
export function truthScores(session: PolicySession): PhoenixScores {
  const n = session.candidates.length
  const probs = new Float32Array(n * A)
  const dwellSeconds = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    for (let h = 0; h < A; h++) probs[i * A + h] = session.truth[i * (A + 1) + h]!
    dwellSeconds[i] = session.truth[i * (A + 1) + A]!
  }
  return { probs, dwellSeconds }
}

/** An engine that answers with precomputed scores for the session's candidates, matched by post id. */
function fixedEngine(name: string, session: PolicySession, scores: PhoenixScores): PhoenixScoreEngine {
  const row = new Map(session.candidates.map((c, i) => [c.postId, i]))
  return {
    name,
    async score(_viewer, candidates) {
      const probs = new Float32Array(candidates.length * A)
      const dwellSeconds = new Float32Array(candidates.length)
      candidates.forEach((c, k) => {
        const i = row.get(c.postId)!
        probs.set(scores.probs.subarray(i * A, (i + 1) * A), k * A)
        dwellSeconds[k] = scores.dwellSeconds[i]!
      })
      return { probs, dwellSeconds }
    },
  }
}

/** Candidate indices a policy serves for one session, in served order. */
export async function servedIndices(
  policy: RankingPolicy,
  session: PolicySession,
  index: number,
  params: RankingParams = DEFAULT_RANKING_PARAMS,
): Promise<number[]> {
  if (policy.kind === 'order') return policy.order(session).slice(0, params.resultSize)
  const engine = fixedEngine(policy.name, session, policy.scores(session, index))
  const feed = await rankFeed(engine, session.viewer, session.candidates, session.nowMs, params)
  const row = new Map(session.candidates.map((c, i) => [c.postId, i]))
  return feed.items.map((item) => row.get(item.post.postId)!)
}

/**
 * Every policy's mean served value over the sessions. `params` rank (pipeline policies, result size);
 * `valueParams` value the served posts: the same by default; pass DEFAULT_RANKING_PARAMS to see how
 * ranking with other weights moves the value under upstream's fixed weights.
 */
export async function policyValues(
  sessions: readonly PolicySession[],
  policies: readonly RankingPolicy[],
  params: RankingParams = DEFAULT_RANKING_PARAMS,
  valueParams: RankingParams = params,
): Promise<PolicyValue[]> {
  const out: PolicyValue[] = []
  for (const policy of policies) {
    const sum = { served: 0, positive: 0, negative: 0 }
    for (const [k, s] of sessions.entries()) {
      const served = await servedIndices(policy, s, k, params)
      sum.served += served.length
      for (const i of served) {
        const v = servedPostValue(s, i, valueParams)
        sum.positive += v.positive
        sum.negative += v.negative
      }
    }
    const n = Math.max(sessions.length, 1)
    out.push({
      policy: policy.name,
      sessions: sessions.length,
      served: sum.served / n,
      value: (sum.positive - sum.negative) / n,
      positive: sum.positive / n,
      negative: sum.negative / n,
    })
  }
  return out
}

/** Newest first. */
export const chronologicalOrder = (s: PolicySession) =>
  s.candidates
    .map((_, i) => i)
    .sort((a, b) => s.candidates[b]!.createdAtMs - s.candidates[a]!.createdAtMs || a - b)

/** Most engaged first (favorite + reply + repost + quote, the counts at the serve time). */
export const popularityOrder = (s: PolicySession) => {
  const e = (c: FeedCandidate) => c.counts.favorite + c.counts.reply + c.counts.repost + c.counts.quote
  return s.candidates.map((_, i) => i).sort((a, b) => e(s.candidates[b]!) - e(s.candidates[a]!) || a - b)
}

/** In-network posts only, newest first (a following feed): serves fewer when the network has fewer. */
export const inNetworkOrder = (s: PolicySession) =>
  chronologicalOrder(s).filter((i) => s.candidates[i]!.inNetwork)
