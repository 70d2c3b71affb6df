// The classical baseline trains on the TRAIN split only: every drawn session is served before the cutoff to
// a viewer who is not held out, and the fingerprint that guards stored coefficients follows the world.
import { describe, expect, it } from 'vitest'
import { PRESETS } from '../world/config.ts'
import { planSplit } from '../world/split.ts'
import { testWorld } from '../world/world.fixtures.ts'
import { classicalTrainSet, trainFingerprint } from './classical-train-set.ts'

describe('classicalTrainSet', () => {
  const world = testWorld('small', 7)
  const set = classicalTrainSet('small', 7, 12, world)
  const split = planSplit(world, PRESETS.small.split)

  it('draws training sessions: before the cutoff, never a held-out viewer', () => {
    expect(set.sessions).toHaveLength(12)
    for (const s of set.sessions) {
      expect(s.servedAtMs).toBeLessThan(split.cutoffMs)
      expect(split.isHeldOut(world.accountIndexById.get(s.userId)!)).toBe(false)
      expect(s.candidates.length).toBeGreaterThan(0)
    }
    expect(set.posts.size).toBe(world.posts.length)
  })

  it('fingerprints the first train sessions: the same for the same world, different for another seed', () => {
    expect(set.fingerprint).toMatch(/^[0-9a-f]{8}$/)
    expect(trainFingerprint(world, 'small')).toBe(set.fingerprint)
    expect(trainFingerprint(testWorld('small', 8), 'small')).not.toBe(set.fingerprint)
  })
})
