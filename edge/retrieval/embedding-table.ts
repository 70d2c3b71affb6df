// A retrieval shard's vectors in memory: one packed Float32Array (row i = slot i) with parallel id, author
// and time columns, so a query is a single pass of dot products with no per-row allocation. Removal swaps
// the last row into the hole. Exact: every live, unexcluded, unexpired row is scored.
import type { IndexedPost, RetrievalHit } from './retrieval-index'
import { TopKHeap } from './top-k-heap'

export interface TableQuery {
  excludePostIds: ReadonlySet<string>
  excludeAuthorIds: ReadonlySet<string>
  /** Rows created before this are skipped (expired). */
  createdAfter: number
}

export class EmbeddingTable {
  private vectors: Float32Array
  private readonly ids: string[] = []
  private readonly authors: string[] = []
  private readonly createdAt: number[] = []
  private readonly slotOf = new Map<string, number>()

  constructor(
    readonly dim: number,
    initialCapacity = 1024,
  ) {
    this.vectors = new Float32Array(dim * initialCapacity)
  }

  get size(): number {
    return this.ids.length
  }

  has(postId: string): boolean {
    return this.slotOf.has(postId)
  }

  /** Adds or replaces a row. */
  put(p: IndexedPost): void {
    if (p.embedding.length !== this.dim) {
      throw new RangeError(`embedding of ${p.postId} has ${p.embedding.length} dims, expected ${this.dim}`)
    }
    let slot = this.slotOf.get(p.postId)
    if (slot === undefined) {
      slot = this.ids.length
      if ((slot + 1) * this.dim > this.vectors.length) this.grow()
      this.ids.push(p.postId)
      this.authors.push(p.authorId)
      this.createdAt.push(p.createdAt)
      this.slotOf.set(p.postId, slot)
    } else {
      this.authors[slot] = p.authorId
      this.createdAt[slot] = p.createdAt
    }
    this.vectors.set(p.embedding, slot * this.dim)
  }

  delete(postId: string): boolean {
    const slot = this.slotOf.get(postId)
    if (slot === undefined) return false
    const last = this.ids.length - 1
    if (slot !== last) {
      const movedId = this.ids[last]!
      this.ids[slot] = movedId
      this.authors[slot] = this.authors[last]!
      this.createdAt[slot] = this.createdAt[last]!
      this.vectors.copyWithin(slot * this.dim, last * this.dim, (last + 1) * this.dim)
      this.slotOf.set(movedId, slot)
    }
    this.ids.pop()
    this.authors.pop()
    this.createdAt.pop()
    this.slotOf.delete(postId)
    return true
  }

  /** A copy of the stored vector. */
  get(postId: string): Float32Array | undefined {
    const slot = this.slotOf.get(postId)
    return slot === undefined ? undefined : this.vectors.slice(slot * this.dim, (slot + 1) * this.dim)
  }

  /** Ids of rows created before `cutoff`. */
  createdBefore(cutoff: number): string[] {
    return this.ids.filter((_, slot) => this.createdAt[slot]! < cutoff)
  }

  /** The k highest dot products with `query`, best first (ties: smaller post id first). */
  topK(query: Float32Array, k: number, q: TableQuery): RetrievalHit[] {
    if (query.length !== this.dim)
      throw new RangeError(`query has ${query.length} dims, expected ${this.dim}`)
    const heap = new TopKHeap(k)
    const { dim, vectors } = this
    for (let slot = 0; slot < this.ids.length; slot++) {
      if (this.createdAt[slot]! < q.createdAfter) continue
      const postId = this.ids[slot]!
      if (q.excludePostIds.has(postId) || q.excludeAuthorIds.has(this.authors[slot]!)) continue
      let score = 0
      const base = slot * dim
      for (let d = 0; d < dim; d++) score += query[d]! * vectors[base + d]!
      heap.offer(score, slot, postId)
    }
    return heap.drainBestFirst().map(({ score, slot }) => ({
      postId: this.ids[slot]!,
      authorId: this.authors[slot]!,
      createdAt: this.createdAt[slot]!,
      score,
    }))
  }

  clear(): void {
    this.ids.length = 0
    this.authors.length = 0
    this.createdAt.length = 0
    this.slotOf.clear()
  }

  private grow(): void {
    const next = new Float32Array(Math.max(this.vectors.length * 2, this.dim * 1024))
    next.set(this.vectors)
    this.vectors = next
  }
}
