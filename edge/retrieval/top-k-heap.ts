// Bounded min-heap for exact top-k: the root is the worst kept entry, so each candidate costs one comparison
// unless it beats the root. Order is (score desc, post id asc), which makes ties deterministic.

interface Entry {
  score: number
  slot: number
  postId: string
}

/** a ranks below b. */
function worse(a: Entry, b: Entry): boolean {
  return a.score < b.score || (a.score === b.score && a.postId > b.postId)
}

export class TopKHeap {
  private readonly heap: Entry[] = []

  constructor(private readonly k: number) {}

  offer(score: number, slot: number, postId: string): void {
    if (this.k <= 0 || Number.isNaN(score)) return
    const e = { score, slot, postId }
    const h = this.heap
    if (h.length < this.k) {
      h.push(e)
      this.up(h.length - 1)
    } else if (worse(h[0]!, e)) {
      h[0] = e
      this.down(0)
    }
  }

  /** Every kept entry, best first; empties the heap. */
  drainBestFirst(): Entry[] {
    const out: Entry[] = []
    while (this.heap.length > 0) {
      out.push(this.heap[0]!)
      const last = this.heap.pop()!
      if (this.heap.length > 0) {
        this.heap[0] = last
        this.down(0)
      }
    }
    return out.reverse()
  }

  private up(i: number): void {
    const h = this.heap
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!worse(h[i]!, h[parent]!)) break
      ;[h[i], h[parent]] = [h[parent]!, h[i]!]
      i = parent
    }
  }

  private down(i: number): void {
    const h = this.heap
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < h.length && worse(h[l]!, h[m]!)) m = l
      if (r < h.length && worse(h[r]!, h[m]!)) m = r
      if (m === i) return
      ;[h[i], h[m]] = [h[m]!, h[i]!]
      i = m
    }
  }
}
