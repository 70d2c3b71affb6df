// The two evaluations of the spam model: the fixed SpamAssassin held-out split (emails, the target F1
// ≥ 0.97) and the synthetic world's original posts as the edge seeds them (label: the author is spammy).
import type { SpamModel } from '../../edge/grox/classifiers/spam/spam-model.ts'
import { type PresetName, worldConfig } from '../../shared/world/config.ts'
import { seedPostText } from '../../shared/world/export-seed.ts'
import { generateWorld } from '../../shared/world/world.ts'
import { isHeldOut, type SpamExample } from './spam-corpus.ts'
import { type SpamMetrics, spamMetrics } from './spam-metrics.ts'

export function evaluateHeldOut(model: SpamModel, corpus: readonly SpamExample[]): SpamMetrics {
  const heldOut = corpus.filter(isHeldOut)
  return spamMetrics(
    heldOut.map((e) => model.score(e.text).positive),
    heldOut.map((e) => e.spam),
  )
}

/** Original posts and replies (reposts repeat their original) of the world `npm start` seeds. */
export function evaluateWorld(
  model: SpamModel,
  preset: PresetName = 'default',
  seed?: number,
  /** P(spam) a post needs to count as flagged; the model's own decision threshold by default. */
  threshold?: number,
): { label: string; metrics: SpamMetrics } {
  const world = generateWorld(worldConfig(preset, seed))
  const posts = world.posts.filter((p) => p.repostOf < 0)
  const metrics = spamMetrics(
    posts.map((p) => {
      const score = model.score(seedPostText(world, p))
      return threshold === undefined ? score.positive : score.probability >= threshold
    }),
    posts.map((p) => world.accounts[p.authorIndex]!.spammy),
  )
  const at = threshold === undefined ? 'decision threshold' : `P(spam) ≥ ${threshold}`
  return {
    label: `preset ${preset}, seed ${world.config.seed}, spammy authors' posts vs the rest, ${at}`,
    metrics,
  }
}
