// The stream table against seed 002, PriorityTaskGenerator's weighting and skipping, and the per-stream
// QPS bucket.
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../../shared/util/seeded-random'
import { STREAM_TYPES, type StreamType } from '../core/types'
import { EXHAUSTED, PriorityTaskGenerator, type StreamSource } from './priority-task-generator'
import { STREAM_GENERATORS, streamsReading } from './stream-generators'
import { TokenBucket } from './token-bucket'

describe('the 16 stream generators', () => {
  it('inject the eligibility sets of seed 002s table', () => {
    const table = Object.fromEntries(
      STREAM_TYPES.map((s) => [s, [...STREAM_GENERATORS[s].eligibilities].sort()]),
    )
    expect(table).toEqual({
      post_stream: ['reply_ranking', 'spam_comment'],
      post_min_traction_stream_for_grox: ['banger_initial_screen'],
      post_min_traction_stream_for_grox_ptos: ['safety_ptos'],
      post_min_traction_stream_for_grox_multi_modal: ['post_embedding_with_summary_for_reply'],
      post_embedding_request_stream_with_summary_for_reply_recovery: [
        'post_embedding_with_summary_for_reply',
      ],
      post_stream_recovery: ['banger_initial_screen'],
      safety_ptos_recovery_stream: ['safety_ptos'],
      safety_ptos_deluxe_stream: ['safety_ptos'],
      post_stream_test: ['banger_initial_screen'],
      post_safety_stream: ['post_safety'],
      post_stream_delayed: [],
      reply_ranking_recovery_stream: ['reply_ranking'],
      post_embedding_request_stream_with_summary: ['post_embedding_with_summary'],
      post_embedding_request_stream_with_summary_recovery: ['post_embedding_with_summary'],
      post_embedding_v5_stream: ['mm_emb_v5'],
      post_embedding_v5_for_reply_stream: ['mm_emb_v5_for_reply'],
    })
  })

  it('let two streams read one source, as v4 and v5 embeddings share a topic upstream', () => {
    expect(streamsReading('embedding_requests')).toEqual([
      'post_embedding_request_stream_with_summary',
      'post_embedding_v5_stream',
    ])
    expect(streamsReading('posts_min_traction')).toHaveLength(4)
  })
})

/** A stream with `n` items (Infinity: never empty). */
function stream(type: StreamType, n = Number.POSITIVE_INFINITY): StreamSource<string> & { polled: number } {
  let left = n
  return {
    type,
    polled: 0,
    poll() {
      this.polled++
      if (left <= 0) return null
      left--
      return `${type}#${this.polled}`
    },
  }
}

describe('PriorityTaskGenerator', () => {
  it('refuses no generators and non-positive weights', () => {
    expect(() => new PriorityTaskGenerator([])).toThrow(/No generators/)
    expect(() => new PriorityTaskGenerator([[stream('post_stream'), 0]])).toThrow(/positive/)
  })

  it('picks streams in proportion to their weights (10,000 polls, fixed seed)', () => {
    const gen = new PriorityTaskGenerator(
      [
        [stream('post_stream'), 6],
        [stream('post_safety_stream'), 3],
        [stream('post_stream_test'), 1],
      ],
      seededRandom(20260721),
    )
    const counts: Record<string, number> = {}
    for (let i = 0; i < 10_000; i++) {
      const s = gen.poll()!.stream
      counts[s] = (counts[s] ?? 0) + 1
    }
    // Binomial sd at n=10,000 is at most 50: 4 sd of slack.
    expect(Math.abs(counts.post_stream! - 6000)).toBeLessThan(200)
    expect(Math.abs(counts.post_safety_stream! - 3000)).toBeLessThan(200)
    expect(Math.abs(counts.post_stream_test! - 1000)).toBeLessThan(200)
  })

  it('skips an empty stream for the round and serves the others; null when all are empty', () => {
    const empty = stream('post_stream', 0)
    const one = stream('post_safety_stream', 1)
    const gen = new PriorityTaskGenerator(
      [
        [empty, 1000],
        [one, 1],
      ],
      seededRandom(1),
    )
    expect(gen.poll()).toEqual({ item: 'post_safety_stream#1', stream: 'post_safety_stream' })
    expect(gen.poll()).toBeNull()
    // The empty stream keeps its place: it is asked again each round.
    expect(gen.active).toEqual(['post_stream', 'post_safety_stream'])
    expect(empty.polled).toBeGreaterThanOrEqual(2)
  })

  it('drops an exhausted stream for good and skips a throwing one for the round only', () => {
    let throws = true
    const flaky: StreamSource<string> = {
      type: 'post_stream_test',
      poll() {
        if (throws) throw new Error('broken source')
        return 'recovered'
      },
    }
    const done: StreamSource<string> = { type: 'post_stream_delayed', poll: () => EXHAUSTED }
    const gen = new PriorityTaskGenerator(
      [
        [done, 5],
        [flaky, 1],
      ],
      seededRandom(2),
    )
    expect(gen.poll()).toBeNull()
    expect(gen.active).toEqual(['post_stream_test'])
    throws = false
    expect(gen.poll()?.item).toBe('recovered')
  })
})

describe('TokenBucket', () => {
  it('releases maxQps at once, then one per 1/maxQps seconds', () => {
    const bucket = new TokenBucket(5, 0)
    const released = Array.from({ length: 8 }, () => bucket.take(0)).filter(Boolean).length
    expect(released).toBe(5)
    expect(bucket.waitMs(0)).toBe(200)
    expect(bucket.take(199)).toBe(false)
    expect(bucket.take(200)).toBe(true)
  })

  it('never saves up more than one second of tokens', () => {
    const bucket = new TokenBucket(3, 0)
    expect([0, 0, 0, 0].map(() => bucket.take(60_000)).filter(Boolean)).toHaveLength(3)
  })

  it('limits a stream to maxQps tasks per simulated second over a minute', () => {
    const bucket = new TokenBucket(20, 0)
    let released = 0
    for (let t = 0; t < 60_000; t += 5) if (bucket.take(t)) released++
    // 20 up front, then 20 per second for the remaining 59.995 s.
    expect(released).toBeGreaterThanOrEqual(20 * 60)
    expect(released).toBeLessThanOrEqual(20 * 61)
  })
})
