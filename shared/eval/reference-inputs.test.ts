// The world-backed reference inputs as the model lab moves them (computed in a worker, structured-cloned to
// the page): the same references as computing them in place, policy sessions at the right pooled rows, and
// stored classical coefficients refused for another world.
import { describe, expect, it } from 'vitest'
import { DISCRETE_ACTIONS } from '../phoenix/actions.ts'
import { GENERATOR_VERSION, PRESETS } from '../world/config.ts'
import { planSplit } from '../world/split.ts'
import { testWorld } from '../world/world.fixtures.ts'
import type { ClassicalBaseline } from './classical-baseline.ts'
import { trainFingerprint } from './classical-train-set.ts'
import type { WorldInfo } from './eval-data.ts'
import type { EvalEngine } from './eval-engine.ts'
import { evaluateReferences, evaluateReferencesFrom } from './eval-references.ts'
import { regenerateEvalSetAndWorld } from './eval-set.ts'
import { predictSessions } from './ranker-eval.ts'
import { classicalInputs, classicalMismatch, referenceInputs } from './reference-inputs.ts'

const A = DISCRETE_ACTIONS.length
const world = testWorld('small', 7)
const info: WorldInfo = {
  generatorVersion: GENERATOR_VERSION,
  seed: 7,
  preset: 'small',
  nowMs: world.nowMs,
  cutoffMs: planSplit(world, PRESETS.small.split).cutoffMs,
  trainPositiveRates: Object.fromEntries(DISCRETE_ACTIONS.map((h) => [h, 0.02])),
}
const { data } = regenerateEvalSetAndWorld({ world: info, sessions: 10, corpus: 100, retrievalUsers: 1 })

/** A stand-in scorer (not a model): candidate i of n gets (i + 1) / (n + 2) on every head. */
const rankByPosition: EvalEngine = {
  encodeHistory: async () => ({
    keys: new Float32Array(),
    values: new Float32Array(),
    valid: new Float32Array(),
  }),
  scoreCandidates: async (_p, c) => ({
    n: c.n,
    probs: Float32Array.from({ length: c.n * A }, (_, k) => (Math.floor(k / A) + 1) / (c.n + 2)),
    dwellSeconds: new Float32Array(c.n).fill(3),
  }),
  userEmbeddings: async () => new Float32Array(),
  postEmbeddings: async () => new Float32Array(),
}

describe('reference inputs', () => {
  const inputs = referenceInputs(world, data)

  it('keeps the held-out viewers’ sessions with their first pooled row', () => {
    const heldOut = new Set(
      planSplit(world, PRESETS.small.split).heldOutUsers.map((i) => world.accounts[i]!.id),
    )
    const rows: number[] = []
    const users: string[] = []
    let at = 0
    for (const s of data.sessions) {
      if (heldOut.has(s.userId)) {
        rows.push(at)
        users.push(s.userId)
      }
      at += s.candidates.length
    }
    expect(users.length).toBeGreaterThan(0)
    expect(inputs.policy.offsets).toEqual(rows)
    expect(inputs.policy.sessions.map((s) => s.viewer.userId)).toEqual(users)
    expect(inputs.plugIn.length).toBe(at * inputs.plugInStride)
  })

  it('gives the same references after a structured clone (worker → page) as computed in place', async () => {
    const pooled = await predictSessions(rankByPosition, data)
    const inPlace = await evaluateReferences(world, data, pooled)
    const cloned = await evaluateReferencesFrom(structuredClone(inputs), data, pooled)
    expect(cloned.policies.sessions).toBe(inputs.policy.sessions.length)
    expect(cloned).toEqual(inPlace)
  })

  it('refuses classical coefficients fitted on another seed or other train sessions', () => {
    const fitted = (w: Partial<ClassicalBaseline['world']>) =>
      ({
        world: { generatorVersion: GENERATOR_VERSION, preset: 'small', seed: 7, trainFingerprint: '', ...w },
      }) as ClassicalBaseline
    const fingerprint = trainFingerprint(world, 'small')
    expect(classicalMismatch(fitted({ trainFingerprint: fingerprint }), data, world)).toBeNull()
    expect(classicalMismatch(fitted({ seed: 8, trainFingerprint: fingerprint }), data, world)).toMatch(
      /small\/8/,
    )
    expect(classicalMismatch(fitted({ trainFingerprint: '00000000' }), data, world)).toMatch(/fingerprint/)
    expect(classicalInputs(fitted({ generatorVersion: 'world@0' }), data, world)).toEqual({
      error: `classical-baseline.json fitted on world@0, the eval world is ${GENERATOR_VERSION}`,
    })
  })
})
