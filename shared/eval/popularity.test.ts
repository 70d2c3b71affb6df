import { describe, expect, it } from 'vitest'
import { DISCRETE_ACTIONS, DISCRETE_INDEX } from '../phoenix/actions.ts'
import type { DatasetPost } from './eval-data.ts'
import { auc } from './metrics.ts'
import { popularityProbs, popularitySignal } from './popularity.ts'

const post = (id: string, favorite: number, view: number): DatasetPost => ({
  id,
  authorId: '1',
  createdAtMs: 1,
  text: '',
  media: 'none',
  videoDurationMs: 0,
  replyToId: null,
  quoteOfId: null,
  repostOfId: null,
  counts: { favorite, reply: 0, repost: 0, quote: 0, view },
})

describe('popularity baseline', () => {
  const posts = [post('1', 0, 1000), post('2', 50, 1000), post('3', 500, 1000), post('4', 5, 10)]
  const rates = Object.fromEntries(DISCRETE_ACTIONS.map((a) => [a, 0.05]))
  const p = popularityProbs(posts, posts, rates)
  const A = DISCRETE_ACTIONS.length
  const col = (h: number) => posts.map((_, i) => p[i * A + h]!)

  it('ranks by the smoothed per-view rate and keeps the mean at the base rate', () => {
    const fav = col(DISCRETE_INDEX.favorite)
    expect(fav[2]).toBeGreaterThan(fav[1]!)
    expect(fav[1]).toBeGreaterThan(fav[0]!)
    expect(fav.reduce((a, b) => a + b, 0) / fav.length).toBeCloseTo(0.05, 9)
  })

  it('is constant (AUC ½) on the negative heads', () => {
    for (const head of ['not_interested', 'block_author', 'not_dwelled', 'post_unexplored'] as const) {
      expect(popularitySignal(head)).toBe('none')
      expect(auc(col(DISCRETE_INDEX[head]), [1, 0, 1, 0])).toBe(0.5)
    }
    expect(popularitySignal('click')).toBe('engagement')
  })
})
