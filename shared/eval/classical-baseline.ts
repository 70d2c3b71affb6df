// The classical baseline: per head, a logistic regression on the hand-built features of
// classical-features.ts, fitted on training sessions (never eval ones) and scored on the eval candidates.
// Features are standardised with the training rows' mean and standard deviation; the fit is deterministic,
// so the stored coefficients (models:classical) are reproducible from the world's seed.
import { z } from 'zod'
import { DISCRETE_ACTIONS } from '../phoenix/actions.ts'
import {
  FEATURE_COUNT,
  featureRow,
  HEAD_FEATURES,
  SHARED_FEATURES,
  sessionFeatures,
} from './classical-features.ts'
import type { DatasetPost, SessionRecord } from './eval-data.ts'
import { fitLogistic, sigmoid } from './logistic-regression.ts'

const A = DISCRETE_ACTIONS.length
export const CLASSICAL_FORMAT = 'for-you-edge/classical-baseline@1'
export const CLASSICAL_LAMBDA = 1

const HeadModel = z.object({
  bias: z.number(),
  weights: z.array(z.number()).length(FEATURE_COUNT),
  mean: z.array(z.number()).length(FEATURE_COUNT),
  std: z.array(z.number()).length(FEATURE_COUNT),
})

export const ClassicalBaseline = z.object({
  format: z.literal(CLASSICAL_FORMAT),
  /** The world fitted on; trainFingerprint hashes its first train sessions (classical-train-set.ts). */
  world: z.object({
    generatorVersion: z.string(),
    preset: z.string(),
    seed: z.number(),
    trainFingerprint: z.string(),
  }),
  trainSessions: z.number(),
  trainCandidates: z.number(),
  features: z.array(z.string()),
  /** Per DISCRETE_ACTIONS head. */
  heads: z.record(z.string(), HeadModel),
})
export type ClassicalBaseline = z.infer<typeof ClassicalBaseline>

/** Every training candidate's features (shared and per-head columns) and label masks, in order. */
function trainingFeatures(posts: ReadonlyMap<string, DatasetPost>, sessions: readonly SessionRecord[]) {
  const features = sessions.map((s) => sessionFeatures(posts, s))
  const labels = sessions.flatMap((s) => s.candidates.map((c) => c[2]))
  return { features, labels, n: labels.length }
}

/** Head h's rows [n × FEATURE_COUNT] and labels, built when its fit needs them (one head in memory). */
function headMatrix(t: ReturnType<typeof trainingFeatures>, h: number) {
  const x = new Float64Array(t.n * FEATURE_COUNT)
  const y = Uint8Array.from(t.labels, (mask) => (mask >>> h) & 1)
  const row = new Float64Array(FEATURE_COUNT)
  let at = 0
  for (const f of t.features) {
    for (let i = 0; i < f.n; i++, at++) {
      featureRow(f, i, h, row)
      x.set(row, at * FEATURE_COUNT)
    }
  }
  return { x, y }
}

function standardise(x: Float64Array, n: number): { mean: number[]; std: number[] } {
  const mean = new Array<number>(FEATURE_COUNT).fill(0)
  const sq = new Array<number>(FEATURE_COUNT).fill(0)
  for (let i = 0; i < n; i++) for (let j = 0; j < FEATURE_COUNT; j++) mean[j]! += x[i * FEATURE_COUNT + j]!
  for (let j = 0; j < FEATURE_COUNT; j++) mean[j]! /= Math.max(n, 1)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < FEATURE_COUNT; j++) {
      const v = x[i * FEATURE_COUNT + j]! - mean[j]!
      sq[j]! += v * v
      x[i * FEATURE_COUNT + j] = v
    }
  }
  // A constant column (a head with no positives anywhere in the history) keeps std 1 and weight ~0.
  const std = sq.map((s) => Math.sqrt(s / Math.max(n, 1)) || 1)
  for (let i = 0; i < n; i++) for (let j = 0; j < FEATURE_COUNT; j++) x[i * FEATURE_COUNT + j]! /= std[j]!
  return { mean, std }
}

export function fitClassicalBaseline(
  posts: ReadonlyMap<string, DatasetPost>,
  trainSessions: readonly SessionRecord[],
  world: ClassicalBaseline['world'],
  progress?: (head: string) => void,
): ClassicalBaseline {
  const t = trainingFeatures(posts, trainSessions)
  const n = t.n
  const heads: ClassicalBaseline['heads'] = {}
  DISCRETE_ACTIONS.forEach((head, h) => {
    const { x, y } = headMatrix(t, h)
    const { mean, std } = standardise(x, n)
    heads[head] = { ...fitLogistic(x, y, FEATURE_COUNT, CLASSICAL_LAMBDA), mean, std }
    progress?.(head)
  })
  return {
    format: CLASSICAL_FORMAT,
    world,
    trainSessions: trainSessions.length,
    trainCandidates: n,
    features: [...SHARED_FEATURES, ...HEAD_FEATURES],
    heads,
  }
}

/** Probabilities [n, A] (head order DISCRETE_ACTIONS) for every candidate of `sessions`, in order. */
export function classicalProbs(
  model: ClassicalBaseline,
  posts: ReadonlyMap<string, DatasetPost>,
  sessions: readonly SessionRecord[],
): Float64Array {
  const n = sessions.reduce((s, x) => s + x.candidates.length, 0)
  const out = new Float64Array(n * A)
  const row = new Float64Array(FEATURE_COUNT)
  const heads = DISCRETE_ACTIONS.map((head) => {
    const m = model.heads[head]
    if (m === undefined) throw new Error(`classical baseline has no ${head} head`)
    return m
  })
  let at = 0
  for (const s of sessions) {
    const f = sessionFeatures(posts, s)
    for (let i = 0; i < f.n; i++) {
      heads.forEach((m, h) => {
        featureRow(f, i, h, row)
        let z = m.bias
        for (let j = 0; j < FEATURE_COUNT; j++) z += (m.weights[j]! * (row[j]! - m.mean[j]!)) / m.std[j]!
        out[(at + i) * A + h] = sigmoid(z)
      })
    }
    at += f.n
  }
  return out
}
