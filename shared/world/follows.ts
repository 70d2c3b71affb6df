// The follow graph, drawn from topic preferences and author fame with a preferential-attachment round:
// half of each user's follows are drawn by fame, the other half by fame boosted by the followers the
// first half gave. Friends (same main topic, any account) and follow-backs make mutual follows.
import { FollowGraph } from './follow-graph.ts'
import type { Rng } from './rng.ts'
import { drawFromPrefixSum } from './weighted.ts'
import type { WorldAccount } from './world-types.ts'

/** Topic match of a viewer and an author in [0, 1], relative to the viewer's strongest preference. */
export function authorMatch(viewer: WorldAccount, author: WorldAccount): number {
  const m = 0.75 * viewer.pref[author.primaryTopic]! + 0.25 * viewer.pref[author.secondaryTopic]!
  return m / viewer.maxPref
}

function languageFactor(viewer: WorldAccount, author: WorldAccount): number {
  return viewer.language === author.language || author.language === 'en' ? 1 : 0.15
}

function drawDistinct(rng: Rng, cumulative: Float64Array, count: number, taken: Set<number>): number[] {
  const out: number[] = []
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const a = drawFromPrefixSum(rng, cumulative)
    if (taken.has(a)) continue
    taken.add(a)
    out.push(a)
  }
  return out
}

export function generateFollows(accounts: readonly WorldAccount[], rng: Rng): FollowGraph {
  const authors = accounts.filter((a) => a.isAuthor)
  const edges: [number, number][] = []
  const friendEdge = new Set<number>()
  const n = accounts.length
  // Median 20 follows, scaled down in tiny worlds so they stay topical rather than following everyone.
  const median = Math.min(20, Math.max(5, 0.06 * authors.length))
  const wanted = accounts.map((u) =>
    Math.min(
      authors.length - 1,
      Math.max(3, Math.round(rng.lognormal(Math.log(median), 0.7) * (0.6 + 0.4 * u.activity))),
    ),
  )
  const followedBy = accounts.map(() => new Set<number>())
  const roundFollowers = new Float64Array(authors.length)

  for (let round = 0; round < 2; round++) {
    const mean = round === 0 ? 1 : Math.max(1, roundFollowers.reduce((s, x) => s + x, 0) / authors.length)
    const fame = authors.map((a, j) => a.fame * (round === 0 ? 1 : 1 + roundFollowers[j]! / mean))
    for (const u of accounts) {
      const cumulative = new Float64Array(authors.length)
      let total = 0
      authors.forEach((a, j) => {
        const w = a.index === u.index ? 0 : fame[j]! * (0.03 + authorMatch(u, a)) ** 2 * languageFactor(u, a)
        total += w
        cumulative[j] = total
      })
      const count = round === 0 ? Math.ceil(wanted[u.index]! / 2) : Math.floor(wanted[u.index]! / 2)
      const taken = followedBy[u.index]!
      for (const j of drawDistinct(rng, cumulative, count, taken)) {
        edges.push([u.index, authors[j]!.index])
        if (round === 0) roundFollowers[j]! += 1
      }
    }
  }

  const byTopic: number[][] = Array.from({ length: accounts[0]?.pref.length ?? 0 }, () => [])
  for (const a of accounts) byTopic[a.primaryTopic]!.push(a.index)
  for (const u of accounts) {
    const peers = byTopic[u.primaryTopic]!
    for (let k = rng.poisson(1.5); k > 0 && peers.length > 1; k--) {
      const v = rng.pick(peers)
      if (v === u.index) continue
      edges.push([u.index, v])
      friendEdge.add(u.index * n + v)
    }
  }

  // Follow-backs: likelier between friends, for same-topic pairs, and when the follower also posts.
  const present = new Set(edges.map(([u, v]) => u * n + v))
  const backs: [number, number][] = []
  for (const [u, v] of edges) {
    if (present.has(v * n + u)) continue
    const a = accounts[u]!
    const b = accounts[v]!
    const p =
      0.05 +
      (a.primaryTopic === b.primaryTopic ? 0.1 : 0) +
      (a.isAuthor ? 0.1 : 0) +
      (friendEdge.has(u * n + v) ? 0.4 : 0)
    if (rng.bernoulli(p)) {
      backs.push([v, u])
      present.add(v * n + u)
    }
  }
  return new FollowGraph(n, [...edges, ...backs])
}
