// The follow graph over account indices: sorted followee lists plus a hash set for O(1) edge tests.

export class FollowGraph {
  readonly following: Int32Array[]
  readonly followerCount: Int32Array
  private readonly edges: Set<number>
  private readonly n: number

  constructor(n: number, edges: Iterable<readonly [number, number]>) {
    this.n = n
    this.edges = new Set()
    const lists: number[][] = Array.from({ length: n }, () => [])
    this.followerCount = new Int32Array(n)
    for (const [u, v] of edges) {
      if (u === v) throw new Error('self-follow')
      const key = u * n + v
      if (this.edges.has(key)) continue
      this.edges.add(key)
      lists[u]!.push(v)
      this.followerCount[v]! += 1
    }
    this.following = lists.map((l) => Int32Array.from(l.sort((a, b) => a - b)))
  }

  follows(u: number, v: number): boolean {
    return this.edges.has(u * this.n + v)
  }

  mutual(u: number, v: number): boolean {
    return this.follows(u, v) && this.follows(v, u)
  }

  get edgeCount(): number {
    return this.edges.size
  }

  /** Every edge as [follower, followee], by follower then followee. */
  *pairs(): Generator<[number, number]> {
    for (let u = 0; u < this.following.length; u++) for (const v of this.following[u]!) yield [u, v]
  }
}
