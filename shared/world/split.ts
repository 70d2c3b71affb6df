// The train/eval split. Eval sessions are served after the cutoff (so posts created after it never reach
// training: training sessions only see posts older than their serve time) and a share of the users is
// held out of training entirely. Authors are shared: a held-out user's posts still appear in training.
import { HOUR_MS, type SplitConfig } from './config.ts'
import { Rng } from './rng.ts'
import type { World } from './world-types.ts'

export type SplitName = 'train' | 'eval'

export interface SplitPlan {
  config: SplitConfig
  cutoffMs: number
  /** Account indices, ascending. */
  trainUsers: readonly number[]
  heldOutUsers: readonly number[]
  isHeldOut: (accountIndex: number) => boolean
}

export function planSplit(world: World, config: SplitConfig): SplitPlan {
  const rng = Rng.derive(world.config.seed, 'split')
  const heldOut = new Set<number>()
  for (const a of world.accounts) if (rng.bernoulli(config.heldOutUserShare)) heldOut.add(a.index)
  const all = world.accounts.map((a) => a.index)
  return {
    config,
    cutoffMs: world.nowMs - config.evalWindowHours * HOUR_MS,
    trainUsers: all.filter((i) => !heldOut.has(i)),
    heldOutUsers: all.filter((i) => heldOut.has(i)),
    isHeldOut: (i) => heldOut.has(i),
  }
}
