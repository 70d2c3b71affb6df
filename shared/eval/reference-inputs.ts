// What the eval's world-backed references read from the regenerated world, computed once and kept as plain
// data (typed arrays, strings, plain objects), so it survives structured cloning: the model lab computes it
// in its eval-set worker, where the world is, and runs evaluateReferencesFrom (eval-references.ts) on the
// page with the pooled predictions. `models:eval` computes it in-process through evaluateReferences.
import { TRUTH_LENGTH } from '../world/truth.ts'
import type { World } from '../world/world-types.ts'
import { type ClassicalBaseline, classicalProbs } from './classical-baseline.ts'
import { trainFingerprint } from './classical-train-set.ts'
import type { EvalData } from './eval-data.ts'
import { plugInTruth } from './plug-in.ts'
import { heldOutSessions, heldOutViewerIds, policySession } from './policy-sessions.ts'
import type { PolicySession } from './policy-value.ts'

export interface ReferenceInputs {
  /** Plug-in truth vectors [candidates × TRUTH_LENGTH], pooled in session and candidate order. */
  plugIn: Float64Array
  plugInStride: number
  /** The world's held-out viewers (never in training). */
  heldOutViewerIds: string[]
  /** Sessions of held-out viewers as ranking-pipeline inputs, with their pooled row offset. */
  policy: { sessions: PolicySession[]; offsets: number[] }
}

export function referenceInputs(world: World, data: EvalData): ReferenceInputs {
  const heldOut = heldOutViewerIds(world, data)
  const starts: number[] = []
  let at = 0
  for (const s of data.sessions) {
    starts.push(at)
    at += s.candidates.length
  }
  const picked = heldOutSessions(data, heldOut)
  return {
    plugIn: plugInTruth(world, data),
    plugInStride: TRUTH_LENGTH,
    heldOutViewerIds: [...heldOut],
    policy: {
      sessions: picked.map((k) => policySession(world, data, data.sessions[k]!)),
      offsets: picked.map((k) => starts[k]!),
    },
  }
}

/**
 * Why stored classical coefficients do not fit this world (null when they do): the same test
 * models:eval's classicalFor applies (generator, preset, seed, and the first train sessions' fingerprint).
 */
export function classicalMismatch(model: ClassicalBaseline, data: EvalData, world: World): string | null {
  const w = model.world
  const info = data.world
  if (w.generatorVersion !== info.generatorVersion)
    return `fitted on ${w.generatorVersion}, the eval world is ${info.generatorVersion}`
  if (w.preset !== info.preset || w.seed !== info.seed)
    return `fitted on ${w.preset}/${w.seed}, the eval world is ${info.preset}/${info.seed}`
  if (trainFingerprint(world, info.preset) !== w.trainFingerprint)
    return 'fitted on other train sessions (train fingerprint differs)'
  return null
}

/** The classical baseline's pooled probabilities on the eval set, or why the coefficients do not apply. */
export function classicalInputs(
  model: ClassicalBaseline,
  data: EvalData,
  world: World,
): { probs: Float64Array; trainSessions: number; trainCandidates: number } | { error: string } {
  const mismatch = classicalMismatch(model, data, world)
  if (mismatch !== null) return { error: `classical-baseline.json ${mismatch}` }
  return {
    probs: classicalProbs(model, data.posts, data.sessions),
    trainSessions: model.trainSessions,
    trainCandidates: model.trainCandidates,
  }
}
