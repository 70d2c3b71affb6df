// One contract suite for every engine that runs the Phoenix ranker (the TypeScript reference here,
// onnxruntime-web in models/eval): full vs split, candidate isolation, padding invariance. Each engine's
// test file calls rankerEngineContract with a factory, as hono's router tests do.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { seededRandom } from '../../util/seeded-random.ts'
import { PHOENIX_CONFIG } from '../config.ts'
import type { CandidateTensors, HistoryTensors } from '../features.ts'
import { padCandidates, selectCandidates } from './candidate-select.ts'
import type { RankerPrefix, RankerScores } from './ranker-reference.ts'
import { syntheticRequest } from './synthetic-request.ts'
import { maxAbsDiff } from './tensor-ops.ts'

const { discreteHeads: A, historyLen: H, dwellScaleSeconds } = PHOENIX_CONFIG

export interface RankerEngine {
  rank(history: HistoryTensors, candidates: CandidateTensors): Promise<RankerScores>
  encodeHistory(history: HistoryTensors): Promise<RankerPrefix>
  scoreCandidates(prefix: RankerPrefix, candidates: CandidateTensors): Promise<RankerScores>
}

export interface ContractOptions {
  /** fast-check runs of the isolation property (each scores up to 64 candidates). */
  isolationRuns: number
}

/** Largest difference between candidate picks[k] of `whole` and row k of `part` (probs; dwell / 30 s). */
export function rowDiff(whole: RankerScores, part: RankerScores, picks: readonly number[]): number {
  let worst = 0
  picks.forEach((i, k) => {
    worst = Math.max(
      worst,
      maxAbsDiff(whole.probs.subarray(i * A, (i + 1) * A), part.probs.subarray(k * A, (k + 1) * A)),
    )
    worst = Math.max(worst, Math.abs(whole.dwellSeconds[i]! - part.dwellSeconds[k]!) / dwellScaleSeconds)
  })
  return Number.isNaN(worst) ? Number.POSITIVE_INFINITY : worst
}

/** The same history with junk in every padded slot's features (hist_post[i, 0] stays 0, so all stay padding). */
export function junkInPadding(h: HistoryTensors, seed: number): HistoryTensors {
  const rand = seededRandom(seed)
  const j: HistoryTensors = {
    userHash: h.userHash.slice(),
    histPost: h.histPost.slice(),
    histAuthor: h.histAuthor.slice(),
    histActions: h.histActions.slice(),
    histDwell: h.histDwell.slice(),
    histSurface: h.histSurface.slice(),
    histAge: h.histAge.slice(),
    histText: h.histText.slice(),
  }
  for (let i = 0; i < H; i++) {
    if (h.histPost[i * 2] !== 0) continue
    j.histPost[i * 2 + 1] = 1 + Math.floor(rand() * 40_000)
    j.histAuthor.set([1 + Math.floor(rand() * 45_000), 1 + Math.floor(rand() * 45_000)], i * 2)
    for (let a = 0; a < A; a++) j.histActions[i * A + a] = rand() < 0.5 ? 1 : 0
    j.histDwell[i] = rand()
    j.histSurface[i] = Math.floor(rand() * PHOENIX_CONFIG.surfaces)
    j.histAge[i] = Math.floor(rand() * PHOENIX_CONFIG.ageBuckets)
    for (let t = 0; t < PHOENIX_CONFIG.textTokens; t++)
      j.histText[i * PHOENIX_CONFIG.textTokens + t] = Math.floor(rand() * PHOENIX_CONFIG.textBuckets)
  }
  return j
}

export function rankerEngineContract(
  name: string,
  makeEngine: () => Promise<RankerEngine>,
  opts: ContractOptions,
) {
  // Generous per-test timeouts: these are a few model passes each, but CI machines can be busy.
  describe(`${name} (ranker contract)`, { timeout: 30_000 }, () => {
    let engine: RankerEngine
    const { history, candidates } = syntheticRequest(101, 70, 64)
    let pool: RankerScores
    let prefix: RankerPrefix
    beforeAll(async () => {
      engine = await makeEngine()
      prefix = await engine.encodeHistory(history)
      pool = await engine.scoreCandidates(prefix, candidates)
    }, 60_000)

    it('full and split passes agree (≤ 1e-4)', async () => {
      const full = await engine.rank(history, candidates)
      expect(maxAbsDiff(full.probs, pool.probs)).toBeLessThanOrEqual(1e-4)
      expect(maxAbsDiff(full.dwellSeconds, pool.dwellSeconds)).toBeLessThanOrEqual(1e-4)
    })

    it('outputs depend on the candidate and on the history (so isolation is not vacuous)', async () => {
      const other = await engine.scoreCandidates(
        await engine.encodeHistory(syntheticRequest(7, 70, 0).history),
        candidates,
      )
      expect(maxAbsDiff(other.probs, pool.probs)).toBeGreaterThan(1e-3)
      const spread = maxAbsDiff(pool.probs.subarray(0, A), pool.probs.subarray(A, 2 * A))
      expect(spread).toBeGreaterThan(1e-3)
    })

    it("candidate isolation: a candidate's outputs are identical (≤ 1e-5) whatever other candidates are in the batch and in whatever order", async () => {
      let worst = 0
      await fc.assert(
        fc.asyncProperty(
          fc.shuffledSubarray([...Array(candidates.n).keys()], { minLength: 1 }),
          fc.array(fc.nat(candidates.n - 1), { maxLength: 3 }),
          fc.nat(3),
          fc.boolean(),
          async (subset, repeats, padding, fullPass) => {
            // Rows `picks` are real candidates (some repeated); the last `padding` rows are all-zero padding.
            const picks = [...subset, ...repeats]
            const batch = padCandidates(selectCandidates(candidates, picks), padding)
            const got = fullPass
              ? await engine.rank(history, batch)
              : await engine.scoreCandidates(prefix, batch)
            const d = rowDiff(pool, got, picks)
            worst = Math.max(worst, d)
            expect(d).toBeLessThanOrEqual(1e-5)
          },
        ),
        { numRuns: opts.isolationRuns, seed: 20260723 },
      )
      console.info(
        `${name}: isolation max |diff| ${worst.toExponential(2)} over ${opts.isolationRuns} batches`,
      )
    }, 120_000)

    it('padding invariance: junk features in padded history slots change nothing (≤ 1e-5)', async () => {
      const short = syntheticRequest(202, 12, 16)
      const base = await engine.rank(short.history, short.candidates)
      const junk = await engine.rank(junkInPadding(short.history, 5), short.candidates)
      const all = [...Array(short.candidates.n).keys()]
      expect(rowDiff(base, junk, all)).toBeLessThanOrEqual(1e-5)
      const p = await engine.encodeHistory(junkInPadding(short.history, 6))
      expect([...p.valid].filter((v) => v === 1).length).toBe(13)
    })
  })
}
