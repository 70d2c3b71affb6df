// The plug-in ceiling's viewer estimates, from the session's history alone (what the ranker receives):
// - topic preferences: the history posts' topic mixes, averaged, with a small uniform prior. A post's
//   topic mix is what its text tokens are drawn from, so the history's text shows it;
// - style taste: per author style, the log ratio of the style's share in this history to its share in
//   all histories (the population), shrunk towards 0 (the population mean) by a prior of STYLE_PRIOR
//   events. An author's style is a constant of the author id, which the ranker receives.
import type { World } from '../world/world-types.ts'

const TOPIC_PRIOR = 0.5
const STYLE_PRIOR = 12

export interface ViewerEstimate {
  pref: Float64Array
  maxPref: number
  styleTaste: Float64Array
}

function contentOf(world: World, postIndex: number) {
  const p = world.posts[postIndex]!
  return p.repostOf >= 0 ? world.posts[p.repostOf]! : p
}

/** Share of each author style among the history events of a population of histories. */
export function styleShares(
  world: World,
  histories: Iterable<readonly number[]>,
  styles: number,
): Float64Array {
  const counts = new Float64Array(styles).fill(1)
  for (const h of histories)
    for (const i of h) counts[world.accounts[contentOf(world, i).authorIndex]!.style]! += 1
  const total = counts.reduce((a, b) => a + b, 0)
  return counts.map((c) => c / total)
}

/** A viewer's preferences and style taste estimated from the posts of their history (world indices). */
export function estimateViewer(
  world: World,
  history: readonly number[],
  topics: number,
  population: Float64Array,
): ViewerEstimate {
  const pref = new Float64Array(topics).fill(TOPIC_PRIOR / topics)
  const styles = new Float64Array(population.length)
  for (const i of history) {
    const c = contentOf(world, i)
    pref[c.topic]! += c.topicWeight
    pref[c.topic2]! += 1 - c.topicWeight
    styles[world.accounts[c.authorIndex]!.style]! += 1
  }
  const total = TOPIC_PRIOR + history.length
  for (let t = 0; t < topics; t++) pref[t]! /= total
  const n = history.length
  const styleTaste = population.map((share, s) =>
    Math.log((styles[s]! + STYLE_PRIOR * share) / ((n + STYLE_PRIOR) * share)),
  )
  return { pref, maxPref: Math.max(...pref), styleTaste }
}
