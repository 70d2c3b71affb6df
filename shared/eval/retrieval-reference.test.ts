// The retrieval reference is the truth's P(favorite) for a fresh post: 0.2 · σ(intrinsic + 0.5·in-network
// + 0.3·mutual) · (1 + 0.35·in-network), written out here from the world's documented model rather than
// read from truthInto; so in-network posts rank above out-of-network ones of the same intrinsic appeal,
// which the old affinity-only oracle ignored.
import { describe, expect, it } from 'vitest'
import { intrinsicLogit } from '../world/truth-terms.ts'
import { testWorld } from '../world/world.fixtures.ts'
import { referenceScores, referenceTop } from './retrieval-reference.ts'

const w = testWorld('small', 7)
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))

function byHand(viewer: number, postIndex: number): number {
  const post = w.posts[postIndex]!
  const inNet = w.follows.follows(viewer, post.authorIndex)
  const mutual = inNet && w.follows.follows(post.authorIndex, viewer)
  const logit = intrinsicLogit(w, w.accounts[viewer]!, post) + (inNet ? 0.5 : 0) + (mutual ? 0.3 : 0)
  return 0.2 * sigmoid(logit) * (1 + (inNet ? 0.35 : 0))
}

describe('retrieval reference', () => {
  const viewer = w.accounts.findIndex((a) => w.follows.following[a.index]!.length > 2)
  const followed = new Set(w.follows.following[viewer]!)
  const inNet = w.posts.filter((p) => followed.has(p.authorIndex)).slice(0, 20)
  const outNet = w.posts.filter((p) => !followed.has(p.authorIndex) && p.authorIndex !== viewer).slice(0, 40)
  const ids = [...inNet, ...outNet].map((p) => p.id)

  it('scores each post by the true P(favorite) if shown fresh, in-network terms included', () => {
    expect(inNet.length).toBeGreaterThan(0)
    const got = referenceScores(w, w.accounts[viewer]!.id, ids)
    const want = [...inNet, ...outNet].map((p) => byHand(viewer, p.index))
    for (const [i, g] of got.entries()) expect(g).toBeCloseTo(want[i]!, 12)
    expect(() => referenceScores(w, 'nobody', ids)).toThrow(/unknown viewer/)
  })

  it('returns the k best, best first', () => {
    const scores = referenceScores(w, w.accounts[viewer]!.id, ids)
    const top = referenceTop(w, w.accounts[viewer]!.id, ids, 5)
    const ranked = [...ids].sort((a, b) => scores[ids.indexOf(b)]! - scores[ids.indexOf(a)]!)
    expect(top).toEqual(ranked.slice(0, 5))
  })
})
