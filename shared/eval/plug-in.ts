// The plug-in ceiling: the world's true model (shared/world/truth.ts, run unchanged) on a copy of the
// world whose hidden variables are replaced by the best estimate from what the ranker receives:
// - viewer topic preferences and style taste → estimated from the session's history (plug-in-viewer.ts);
// - post and author quality → posterior means from public counts (plug-in-quality.ts): the candidate's
//   counts at the serve time, and the author's other posts' counts as of the cutoff (what training shows);
// - mutual follow (not a ranker input) → marginalised: P = m·P(mutual) + (1 − m)·P(not), m the population
//   share of follow edges that are reciprocated;
// - kept as they are: the post's topic mix (its text is drawn from it), the author's style, spam and NSFW
//   flags, languages (all visible in text or constant per author id), in-network, age, reply-ness, media.
// The oracle knows every hidden variable; the gap oracle − plug-in is what no model of these inputs can
// close, and model − plug-in is what a better model could still gain.
import { countsAt } from '../world/counts-at.ts'
import type { FollowGraph } from '../world/follow-graph.ts'
import { TRUTH_LENGTH, truthInto } from '../world/truth.ts'
import { STYLES } from '../world/vocab.ts'
import { TOPICS } from '../world/vocab-topics.ts'
import type { World, WorldAccount, WorldPost } from '../world/world-types.ts'
import type { EvalData } from './eval-data.ts'
import {
  authorPosterior,
  type CountRates,
  countLikelihood,
  estimateRates,
  type QualityCounts,
  qualityEstimate,
} from './plug-in-quality.ts'
import { estimateViewer, styleShares } from './plug-in-viewer.ts'

/** Share of follow edges u → v with v → u as well. */
export function reciprocity(follows: FollowGraph): number {
  let edges = 0
  let mutual = 0
  for (const [u, v] of follows.pairs()) {
    edges++
    if (follows.follows(v, u)) mutual++
  }
  return edges > 0 ? mutual / edges : 0
}

function indexOf(map: ReadonlyMap<string, number>, id: string, what: string): number {
  const i = map.get(id)
  if (i === undefined) throw new Error(`plug-in: ${what} ${id} is not in the regenerated world`)
  return i
}

/** Author-quality posteriors from each author's posts created before the cutoff, counts as of the cutoff. */
class AuthorQuality {
  private readonly cache = new Map<number, Float64Array>()
  /** Post index → counts as of the cutoff, for the posts training could show. */
  private readonly known = new Map<number, QualityCounts>()
  readonly rates: CountRates

  constructor(
    private readonly world: World,
    cutoffMs: number,
  ) {
    const sample: { counts: QualityCounts; spammy: boolean }[] = []
    for (const p of world.posts) {
      if (p.repostOf >= 0 || p.createdAtMs >= cutoffMs) continue
      const counts = countsAt(world, p, cutoffMs)
      this.known.set(p.index, counts)
      sample.push({ counts, spammy: world.accounts[p.authorIndex]!.spammy })
    }
    this.rates = estimateRates(sample)
  }

  posterior(author: number): Float64Array {
    let post = this.cache.get(author)
    if (post === undefined) {
      const spammy = this.world.accounts[author]!.spammy
      const likelihoods: Float64Array[] = []
      for (const i of this.world.indices.byAuthor[author]!) {
        const counts = this.known.get(i)
        if (counts !== undefined) likelihoods.push(countLikelihood(counts, spammy, this.rates))
      }
      post = authorPosterior(spammy, likelihoods)
      this.cache.set(author, post)
    }
    return post
  }
}

/** Plug-in truth vectors [candidates × TRUTH_LENGTH], pooled in session and candidate order. */
export function plugInTruth(world: World, data: EvalData): Float64Array {
  const total = data.sessions.reduce((s, x) => s + x.candidates.length, 0)
  const out = new Float64Array(total * TRUTH_LENGTH)
  const quality = new AuthorQuality(world, data.world.cutoffMs)
  const m = reciprocity(world.follows)
  const postIndex = (id: string) => indexOf(world.postIndexById, id, 'post')
  const histories = data.sessions.map((s) => s.history.map(([id]) => postIndex(id)))
  const population = styleShares(world, histories, STYLES.length)
  // The copy truthInto reads: accounts and posts are copied once and their hidden fields overwritten per
  // session / candidate; the follow graph answers in-network from the session and mutual as assumed.
  const accounts: WorldAccount[] = world.accounts.map((a) => ({ ...a }))
  const posts: WorldPost[] = world.posts.map((p) => ({ ...p }))
  let viewer = -1
  let inNetwork = false
  let mutual = false
  const follows = {
    follows: (u: number, v: number) =>
      u === viewer ? inNetwork : v === viewer ? inNetwork && mutual : world.follows.follows(u, v),
  } as unknown as FollowGraph
  const plugged: World = { ...world, accounts, posts, follows }
  const row = new Float64Array(TRUTH_LENGTH)
  let at = 0
  data.sessions.forEach((s, k) => {
    viewer = indexOf(world.accountIndexById, s.userId, 'viewer')
    Object.assign(accounts[viewer]!, estimateViewer(world, histories[k]!, TOPICS.length, population))
    for (const [id, inNet, , , served] of s.candidates) {
      const post = posts[postIndex(id)]!
      const content = post.repostOf >= 0 ? posts[post.repostOf]! : post
      const spammy = world.accounts[content.authorIndex]!.spammy
      const [favorite, , repost, , view] = served
      const likelihood = countLikelihood({ favorite, repost, view }, spammy, quality.rates)
      const q = qualityEstimate(quality.posterior(content.authorIndex), likelihood)
      accounts[content.authorIndex]!.quality = q.author
      content.quality = q.post
      inNetwork = inNet === 1
      const slot = out.subarray(at * TRUTH_LENGTH, (at + 1) * TRUTH_LENGTH)
      mutual = false
      truthInto(plugged, viewer, post, s.servedAtMs, slot)
      if (inNetwork && m > 0) {
        mutual = true
        truthInto(plugged, viewer, post, s.servedAtMs, row)
        for (let h = 0; h < TRUTH_LENGTH; h++) slot[h] = (1 - m) * slot[h]! + m * row[h]!
      }
      at++
    }
  })
  return out
}
