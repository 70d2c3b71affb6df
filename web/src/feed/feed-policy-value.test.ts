import { describe, expect, it } from 'vitest'
import { policyCandidate, truthRows } from '../../../shared/eval/policy-value.fixtures.ts'
import type { PolicySession } from '../../../shared/eval/policy-value.ts'
import { DISCRETE_ACTIONS, DISCRETE_INDEX } from '../../../shared/phoenix/actions.ts'
import { rankingParams } from '../../../shared/ranking/ranking-params.ts'
import { feedPolicyValues, type MeasuredSlice } from './feed-policy-value'

const A = DISCRETE_ACTIONS.length
const candidate = policyCandidate
/** [favorite, not_interested] per candidate; every other head and dwell 0. */
const rows: [number, number][] = [
  [0.4, 0.001],
  [0.1, 0.01],
  [0.2, 0],
]
const truth = truthRows(rows)
const probs = new Float32Array(rows.length * A)
rows.forEach(([fav], i) => {
  // The "ranker" predicts the truth, except that it rates c1 highest.
  probs[i * A + DISCRETE_INDEX.favorite] = i === 1 ? 0.9 : fav
})
const session: PolicySession = {
  viewer: { userId: 'v', history: [], mutualFollowIds: [] },
  nowMs: 10_000,
  candidates: [candidate(0, 2000, true), candidate(1, 3000, true), candidate(2, 1000, true)],
  truth,
}
// A pooled slice where the policy session starts at row 0 (a first, non-held-out session would shift it).
const slice: MeasuredSlice = {
  policy: { sessions: [session], offsets: [0] },
  probs,
  dwellSeconds: new Float32Array(rows.length),
  evalSessions: 1,
}
// Upstream weights (favorite 0.5, not_interested −43.2), serving 2 of the 3.
const defaults = rankingParams({ resultSize: 2 })
const round = (x: number) => Number(x.toFixed(6))

describe('the weight controls policy value', () => {
  it('at the default weights ranks with the predictions and values with the truth (hand-computed)', async () => {
    const v = await feedPolicyValues(slice, defaults, defaults)
    // In-network all (no OON factor). Predicted scores c1 0.45 > c0 0.2 > c2 0.1: serves c1 and c0.
    // Truth: c1 0.05 − 0.432, c0 0.2 − 0.0432.
    expect([v.defaults.served, v.defaults.positive, v.defaults.negative].map(round)).toEqual([
      2, 0.25, 0.4752,
    ])
    expect(v.current).toEqual(v.defaults)
  })

  it('ranks with the slider weights but keeps valuing with the default weights', async () => {
    // Favorite weighted −1 and not_interested 0: every score negative, mapped monotonically into (0, offset),
    // so the least-favorited predictions come first: c2 (−0.2), then c0 (−0.4).
    const slider = rankingParams({ resultSize: 2, weights: { favorite: -1, not_interested: 0 } })
    const v = await feedPolicyValues(slice, slider, defaults)
    // Valued with favorite 0.5 and not_interested −43.2: c2 0.1 − 0, c0 0.2 − 0.0432.
    expect([v.current.positive, v.current.negative].map(round)).toEqual([0.3, 0.0432])
    expect(round(v.current.value)).toBe(round(0.3 - 0.0432))
    expect(round(v.defaults.value)).toBe(round(0.25 - 0.4752))
  })
})
