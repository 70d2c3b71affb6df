import { describe, expect, it } from 'vitest'
import { DISCRETE_ACTIONS } from '../../../shared/phoenix/actions.ts'
import type { PhoenixScoreEngine } from '../../../shared/ranking/score-engine.ts'
import type { FeedCandidate, FeedViewer } from '../../../shared/types/feed.ts'
import { CachedScoreEngine } from './cached-score-engine'

const HEADS = DISCRETE_ACTIONS.length
/** An engine whose every probability is the post id's number / 1000, counting the posts it scores. */
function countingEngine() {
  const seen: string[] = []
  const engine: PhoenixScoreEngine = {
    name: 'counting',
    async score(_viewer, candidates) {
      seen.push(...candidates.map((c) => c.postId))
      const probs = new Float32Array(candidates.length * HEADS)
      candidates.forEach((c, i) => {
        probs.fill(Number(c.postId) / 1000, i * HEADS, (i + 1) * HEADS)
      })
      return { probs, dwellSeconds: Float32Array.from(candidates, (c) => Number(c.postId)) }
    },
  }
  return { engine, seen }
}
const post = (id: string) => ({ postId: id }) as FeedCandidate
const viewer: FeedViewer = { userId: '1', history: [], mutualFollowIds: [] }

describe('CachedScoreEngine', () => {
  it('scores each post once per viewer history and time, and returns rows in the order asked', async () => {
    const { engine, seen } = countingEngine()
    const cached = new CachedScoreEngine(engine)
    await cached.score(viewer, [post('5'), post('7')], 1000)
    const again = await cached.score(viewer, [post('7'), post('9'), post('5')], 1000)
    expect(seen).toEqual(['5', '7', '9'])
    expect(cached.modelRuns).toBe(3)
    expect(Array.from(again.dwellSeconds)).toEqual([7, 9, 5])
    expect(again.probs[0]).toBeCloseTo(0.007, 6)
    expect(again.probs[HEADS]).toBeCloseTo(0.009, 6)
  })

  it('scores again when the history changed (a new engagement)', async () => {
    const { engine, seen } = countingEngine()
    const cached = new CachedScoreEngine(engine)
    await cached.score(viewer, [post('5')], 1000)
    const engaged: FeedViewer = {
      ...viewer,
      history: [{ postId: '5', authorId: '2', actionMask: 1, dwellSeconds: 0, surface: 0, engagedAtMs: 900 }],
    }
    await cached.score(engaged, [post('5')], 1000)
    expect(seen).toEqual(['5', '5'])
  })
})
