import { describe, expect, it } from 'vitest'
import { DISCRETE_ACTIONS, DISCRETE_INDEX } from '../phoenix/actions.ts'
import { rankingParams } from '../ranking/ranking-params.ts'
import { policyCandidate, truthRows } from './policy-value.fixtures.ts'
import {
  chronologicalOrder,
  inNetworkOrder,
  type PolicySession,
  policyValues,
  popularityOrder,
  servedPostValue,
  truthScores,
} from './policy-value.ts'

const A = DISCRETE_ACTIONS.length
const candidate = policyCandidate
const truth = truthRows
// Values (0.5·favorite − 43.2·not_interested): c0 0.2 − 0.0432, c1 0.05 − 0.432, c2 0.1 − 0.
const session: PolicySession = {
  viewer: { userId: 'v', history: [], mutualFollowIds: [] },
  nowMs: 10_000,
  candidates: [candidate(0, 2000, false, 10), candidate(1, 3000, true, 300), candidate(2, 1000, true, 50)],
  truth: truth([
    [0.4, 0.001],
    [0.1, 0.01],
    [0.2, 0],
  ]),
}
const params = rankingParams({ resultSize: 2 })

describe('feed-level policy values', () => {
  it("values a post by the feed's weighted sum of its true probabilities (hand-computed)", () => {
    const v = servedPostValue(session, 0, params)
    expect(v.positive).toBeCloseTo(0.2, 12)
    expect(v.negative).toBeCloseTo(0.0432, 12)
  })

  it('applies the mutual-follow reply boost as the feed does: reply weight 5 + 15', () => {
    const t = new Float64Array(A + 1)
    t[DISCRETE_INDEX.reply] = 0.1
    const mutual = { ...candidate(9, 0, true, 0), authorIsMutualFollow: true }
    const s = { ...session, candidates: [mutual], truth: t }
    expect(servedPostValue(s, 0, params).positive).toBeCloseTo(2, 12)
  })

  it('orders: chronological newest first, popularity by engagement, in-network newest first', () => {
    expect(chronologicalOrder(session)).toEqual([1, 0, 2])
    expect(popularityOrder(session)).toEqual([1, 2, 0])
    expect(inNetworkOrder(session)).toEqual([1, 2])
  })

  it('runs the ranking pipeline with true probabilities (the ceiling) and the order policies (hand-computed)', async () => {
    const values = await policyValues(
      [session],
      [
        { name: 'ceiling', kind: 'pipeline', scores: (s) => truthScores(s) },
        // Scores that prefer c1 (the worst post): the pipeline serves what the scores say.
        {
          name: 'misled',
          kind: 'pipeline',
          scores: (s) =>
            truthScores({
              ...s,
              truth: truth([
                [0.4, 0],
                [0.9, 0],
                [0.1, 0],
              ]),
            }),
        },
        { name: 'chronological', kind: 'order', order: chronologicalOrder },
        { name: 'in-network', kind: 'order', order: inNetworkOrder },
      ],
      params,
    )
    const got = Object.fromEntries(values.map((v) => [v.policy, [v.served, v.positive, v.negative]]))
    // ceiling serves c0 and c2 (the OON factor 0.75 still leaves c0 first); misled c1 and c0.
    expect(got.ceiling!.map((x) => Number(x.toFixed(6)))).toEqual([2, 0.3, 0.0432])
    expect(got.misled!.map((x) => Number(x.toFixed(6)))).toEqual([2, 0.25, 0.4752])
    expect(got.chronological!.map((x) => Number(x.toFixed(6)))).toEqual([2, 0.25, 0.4752])
    expect(got['in-network']!.map((x) => Number(x.toFixed(6)))).toEqual([2, 0.15, 0.432])
    expect(values[0]!.value).toBeCloseTo(0.3 - 0.0432, 12)
  })

  it('ranks with one parameter set and values with another (weight controls vs upstream weights)', async () => {
    // Ranking with favorite weighted −1 (and not_interested 0) prefers the least-favorited posts: c1, c2.
    const inverted = rankingParams({ resultSize: 2, weights: { favorite: -1, not_interested: 0 } })
    const [v] = await policyValues(
      [session],
      [{ name: 'ceiling', kind: 'pipeline', scores: (s) => truthScores(s) }],
      inverted,
      params,
    )
    // Served c1 and c2 (favorites 0.1 and 0.2), valued with upstream's weights: 0.05 + 0.1 and 0.432 + 0.
    expect([v!.positive, v!.negative].map((x) => Number(x.toFixed(6)))).toEqual([0.15, 0.432])
  })
})
