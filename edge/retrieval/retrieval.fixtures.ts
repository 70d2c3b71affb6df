// Test data for the retrieval index: seeded random unit vectors and the brute-force answer they should give.
import { seededRandom } from '../../shared/util/seeded-random.ts'
import { uniqueId } from '../api/api.fixtures'
import { RETRIEVAL_LIMITS } from './retrieval-config'
import type { IndexedPost, RetrievalHit } from './retrieval-index'

const DIM = RETRIEVAL_LIMITS.dim

export function unitVectors(count: number, seed: number): Float32Array[] {
  const rand = seededRandom(seed)
  return Array.from({ length: count }, () => {
    const v = Array.from({ length: DIM }, () => rand() * 2 - 1)
    const norm = Math.hypot(...v)
    return Float32Array.from(v, (x) => x / norm)
  })
}

/** `count` posts by `authors` authors, created between 1 min and ~40 h before `now`. */
export function posts(count: number, seed: number, now = Date.now(), authors = 20): IndexedPost[] {
  const authorIds = Array.from({ length: authors }, () => uniqueId())
  return unitVectors(count, seed).map((embedding, i) => ({
    postId: uniqueId(),
    authorId: authorIds[i % authors]!,
    createdAt: now - 60_000 - i * 6 * 60_000,
    embedding,
  }))
}

/** The expected answer, computed here independently: every dot product, sorted, cut at k. */
export function bruteForceTopK(
  all: readonly IndexedPost[],
  query: Float32Array,
  k: number,
  keep: (p: IndexedPost) => boolean = () => true,
): RetrievalHit[] {
  return all
    .filter(keep)
    .map((p) => {
      let score = 0
      for (let d = 0; d < DIM; d++) score += query[d]! * p.embedding[d]!
      return { postId: p.postId, authorId: p.authorId, createdAt: p.createdAt, score }
    })
    .sort((a, b) => b.score - a.score || (a.postId < b.postId ? -1 : 1))
    .slice(0, k)
}

let indexNo = 0
/** A fresh index name per test, so tests never see each other's posts. */
export const freshIndexName = () => `retrieval-test-${Date.now()}-${indexNo++}`
