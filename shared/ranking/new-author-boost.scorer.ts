// New-author ("cold start") boost, upstream AuthorColdStart (§4.3 step 5): at most one post per request,
// from a small author with few views, is lifted to the score at position 15 (the 16th-highest).
import { sortByScoreDescending } from '../pipeline/select.ts'
import type { Scorer } from '../pipeline/stage-types.ts'
import { fnv1a32 } from '../util/fnv1a.ts'
import {
  applyScoreUpdate,
  ordinal,
  type RankingCandidate,
  type RankingQuery,
  type ScoreUpdate,
  scoreOf,
} from './ranking-candidate.ts'
import type { RankingParams } from './ranking-params.ts'

/** Upstream draws the target slot at random from [slotMin, slotMax); ours is seeded by viewer and time. */
function targetSlot(q: RankingQuery): number {
  const { slotMin, slotMax } = q.params.coldStart
  const width = Math.max(1, slotMax - slotMin)
  return slotMin + (fnv1a32(`${q.viewer.userId}:${q.nowMs}`) % width)
}

function eligible(c: RankingCandidate, params: RankingParams, nowMs: number): boolean {
  const cs = params.coldStart
  const p = c.post
  if (p.isReply || p.isRepost) return false
  if (p.authorFollowerCount > cs.followerCap) return false
  if (p.counts.view >= cs.impressionThreshold) return false
  if (cs.requireMaxPostAge && nowMs - p.createdAtMs > cs.maxPostAgeSecs * 1000) return false
  return true
}

/** The post to lift (its index) and the target score, or null when no post qualifies. */
export function pickNewAuthorBoost(
  q: RankingQuery,
  candidates: readonly RankingCandidate[],
): { index: number; target: number } | null {
  const order = sortByScoreDescending(
    candidates.map((c, i) => ({ c, i })),
    (x) => scoreOf(x.c),
  ).filter((x) => Number.isFinite(x.c.score))
  const target = order[targetSlot(q)]?.c.score
  if (target === undefined) return null // fewer candidates than the target slot: nothing to lift to
  const nonZero = order.filter((x) => x.c.score !== 0)
  const maxPosition = q.params.coldStart.maxPositionRatio * nonZero.length
  // In descending order the first eligible one is the highest-scoring eligible post.
  for (let pos = 0; pos < nonZero.length && pos < maxPosition; pos++) {
    const { c, i } = nonZero[pos]!
    if (eligible(c, q.params, q.nowMs)) return { index: i, target }
  }
  return null
}

export const newAuthorBoostScorer: Scorer<RankingQuery, RankingCandidate, ScoreUpdate> = {
  name: 'NewAuthorBoostScorer',
  enable: (q) => q.params.coldStart.enabled,
  async score(q, candidates) {
    const pick = pickNewAuthorBoost(q, candidates)
    return candidates.map((c, i): ScoreUpdate => {
      if (c.score === undefined) return null
      // The picked post may already score above the target; then nothing changes and nothing is recorded.
      if (!pick || i !== pick.index || pick.target <= c.score) return { score: c.score }
      const reason = `new author: lifted to the ${ordinal(targetSlot(q) + 1)}-highest score`
      return {
        score: pick.target,
        adjustment: { kind: 'new_author_boost', before: c.score, after: pick.target, reason },
      }
    })
  },
  update: applyScoreUpdate,
}
