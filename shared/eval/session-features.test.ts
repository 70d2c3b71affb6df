import { describe, expect, it } from 'vitest'
import { PHOENIX_CONFIG } from '../phoenix/config.ts'
import { type DatasetPost, SessionRecord } from './eval-data.ts'
import { sessionTensors } from './session-features.ts'

const post: DatasetPost = {
  id: '1000',
  authorId: '2000',
  text: 'three word post',
  createdAtMs: 1_000_000,
  media: 'none',
  videoDurationMs: null,
  replyToId: null,
  quoteOfId: null,
  repostOfId: null,
  // The counts at the world's now: far larger than when the candidate was served.
  counts: { favorite: 1000, reply: 100, repost: 50, quote: 20, view: 100_000 },
}

describe('sessionTensors', () => {
  it("featurizes a candidate's counts as they were at the serve time, not the post's counts at now", () => {
    const session = SessionRecord.parse({
      userId: '3000',
      servedAtMs: 2_000_000,
      history: [],
      candidates: [['1000', 1, 0, 0, [1, 0, 3, 0, 10]]],
      truth: [Array(PHOENIX_CONFIG.discreteHeads + 1).fill(0)],
    })
    const { candidates } = sessionTensors(new Map([[post.id, post]]), session)
    // Buckets by hand: bit length of the count (0 → 0): 1 → 1, 3 → 2, 10 → 4; words: 3.
    // With the counts at now they would be 10, 7, 6, 5, 17.
    expect(Array.from(candidates.candCounts.slice(0, 6))).toEqual([1, 0, 2, 0, 4, 3])
  })

  it('rejects a session candidate without its serve-time counts', () => {
    const parsed = SessionRecord.safeParse({
      userId: '3000',
      servedAtMs: 2_000_000,
      history: [],
      candidates: [['1000', 1, 0, 0]],
      truth: [Array(PHOENIX_CONFIG.discreteHeads + 1).fill(0)],
    })
    expect(parsed.success).toBe(false)
  })
})
