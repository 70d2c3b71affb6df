import { describe, expect, it } from 'vitest'
import type { World } from '../world/world-types.ts'
import { estimateViewer, styleShares } from './plug-in-viewer.ts'

// Two history posts: post 0 is 0.8 topic 0 + 0.2 topic 1 by an author of style 0; post 1 is all topic 2,
// also by a style-0 author; post 2 reposts post 1 (its content is post 1's).
const world = {
  accounts: [{ style: 0 }, { style: 1 }],
  posts: [
    { topic: 0, topic2: 1, topicWeight: 0.8, repostOf: -1, authorIndex: 0 },
    { topic: 2, topic2: 0, topicWeight: 1, repostOf: -1, authorIndex: 0 },
    { topic: 3, topic2: 3, topicWeight: 1, repostOf: 1, authorIndex: 1 },
  ],
} as unknown as World

describe('plug-in viewer estimates', () => {
  it('averages the history topic mixes with a ½ uniform prior (hand-computed)', () => {
    // pref = ([0.125, 0.125, 0.125, 0.125] + [0.8, 0.2, 0, 0] + [0, 0, 1, 0]) / 2.5
    const v = estimateViewer(world, [0, 1], 4, Float64Array.from([0.5, 0.5]))
    expect([...v.pref].map((x) => Number(x.toFixed(6)))).toEqual([0.37, 0.13, 0.45, 0.05])
    expect(v.maxPref).toBeCloseTo(0.45, 12)
    // style taste: log((n_s + 12·share) / ((n + 12)·share)) with n = 2, both events style 0.
    expect(v.styleTaste[0]).toBeCloseTo(Math.log(8 / 7), 12)
    expect(v.styleTaste[1]).toBeCloseTo(Math.log(6 / 7), 12)
  })

  it("reads a repost's content: the repost of post 1 counts as topic 2 by a style-0 author", () => {
    const v = estimateViewer(world, [2], 4, Float64Array.from([0.5, 0.5]))
    expect(v.pref[2]).toBeCloseTo((0.125 + 1) / 1.5, 12)
    expect(v.pref[3]).toBeCloseTo(0.125 / 1.5, 12)
  })

  it('population style shares count every history event with a +1 prior per style', () => {
    // styles: [1 + 3, 1 + 0] / 5 for the histories [0, 1] and [2]
    expect([...styleShares(world, [[0, 1], [2]], 2)]).toEqual([0.8, 0.2])
  })
})
