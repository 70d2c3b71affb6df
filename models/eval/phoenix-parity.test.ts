// Parity of the three implementations of the Phoenix models, on every model set present (the trained one in
// models/artifacts/ and the random-init dev one in models/artifacts/dev/): the TypeScript reference vs
// onnxruntime-web (WASM, Node) on all outputs, both vs the PyTorch fixture, full vs split across engines,
// and the towers' batch and padding invariance. Every tolerance is an absolute max |diff| ≤ 1e-4.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PHOENIX_CONFIG } from '../../shared/phoenix/config.ts'
import {
  type CandidateInput,
  type CandidateTensors,
  featurizeCandidates,
  featurizeHistory,
  type HistoryEvent,
  type HistoryTensors,
} from '../../shared/phoenix/features.ts'
import { selectCandidates } from '../../shared/phoenix/reference/candidate-select.ts'
import { junkInPadding } from '../../shared/phoenix/reference/ranker-engine.contract.ts'
import {
  encodeHistory,
  rankerForward,
  scoreCandidates,
} from '../../shared/phoenix/reference/ranker-reference.ts'
import { loadRankerWeights, type RankerWeights } from '../../shared/phoenix/reference/ranker-weights.ts'
import { syntheticRequest } from '../../shared/phoenix/reference/synthetic-request.ts'
import { maxAbsDiff } from '../../shared/phoenix/reference/tensor-ops.ts'
import * as towers from '../../shared/phoenix/reference/two-tower-reference.ts'
import { describeSet, type ModelSet, presentModelSets, readModel } from './artifacts.ts'
import { configureOrtForNode, OrtPhoenix } from './ort-phoenix.ts'

const TOL = 1e-4
const { heads: NH, historyLen: H, dModel: D, retrievalDim: R, discreteHeads: A } = PHOENIX_CONFIG
const DH = D / NH

interface Flat {
  dims: number[]
  data: number[]
}
interface Fixture {
  request: {
    userId: string
    nowMs: number
    history: (Omit<HistoryEvent, 'postCreatedAtMs' | 'postText'> & {
      postCreatedAtMs: number | null
      postText: string | null
    })[]
    candidates: (Omit<CandidateInput, 'videoDurationMs'> & { videoDurationMs: number | null })[]
  }
  inputs: Record<string, Flat>
  outputs: Record<string, Flat> & Record<`prefix_${'k' | 'v'}_summary`, { sum: number; sum_sq: number }>
}

interface Case {
  name: string
  history: HistoryTensors
  candidates: CandidateTensors
}

const CASES: Case[] = [
  { name: 'empty history, 1 candidate', ...syntheticRequest(1, 0, 1) },
  { name: 'no user, no history (all-padding prefix)', ...syntheticRequest(2, 0, 3, '0') },
  { name: '5 events, 8 candidates', ...syntheticRequest(3, 5, 8) },
  { name: '70 events, 64 candidates', ...syntheticRequest(4, 70, 64) },
  { name: '200 events (clipped to 127), 64 candidates', ...syntheticRequest(5, 200, 64) },
]

/** Max |a − b| over the prefix slots both engines call valid ([L, B = 1, heads, H + 1, dh] layout). */
function prefixDiff(a: Float32Array, b: Float32Array, valid: Float32Array): number {
  let worst = 0
  for (let i = 0; i < a.length; i++) {
    if (valid[Math.floor(i / DH) % (H + 1)] === 0) continue
    const d = Math.abs(a[i]! - b[i]!)
    worst = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(worst, d)
  }
  return worst
}

const sets = presentModelSets()

it('finds a Phoenix model set to test (trained in models/artifacts/ or dev in models/artifacts/dev/)', () => {
  expect(sets.map(describeSet), 'no Phoenix ONNX files: run models/train/export_onnx.py').not.toHaveLength(0)
})

describe.each(sets.map((s) => [describeSet(s), s] as const))(
  '%s',
  { timeout: 30_000 },
  (label: string, set: ModelSet) => {
    let ort: OrtPhoenix
    let w: RankerWeights
    let ut: towers.UserTowerWeights
    let pt: towers.PostTowerWeights
    const worst = new Map<string, number>()
    const check = (what: string, d: number, tol = TOL) => {
      worst.set(what, Math.max(worst.get(what) ?? 0, d))
      expect(d, what).toBeLessThanOrEqual(tol)
    }

    beforeAll(async () => {
      configureOrtForNode()
      ort = await OrtPhoenix.load(set)
      w = loadRankerWeights(readModel(set, 'ranker.onnx'))
      ut = towers.loadUserTowerWeights(readModel(set, 'user_tower.onnx'))
      pt = towers.loadPostTowerWeights(readModel(set, 'post_tower.onnx'))
    }, 60_000)
    afterAll(async () => {
      const table = [...worst].map(([k, v]) => `  ${k.padEnd(44)} ${v.toExponential(2)}`).join('\n')
      console.info(`max |diff| on ${label}:\n${table}`)
      await ort?.release()
    })

    it.each(CASES.map((c) => [c.name, c] as const))('ranker, reference vs onnxruntime: %s', async (_n, c) => {
      const ortFull = await ort.rank(c.history, c.candidates)
      const ortPrefix = await ort.encodeHistory(c.history)
      const ortSplit = await ort.scoreCandidates(ortPrefix, c.candidates)
      const refPrefix = encodeHistory(w, c.history)
      const refFull = rankerForward(w, c.history, c.candidates)
      check('ranker probs: reference vs ORT', maxAbsDiff(refFull.probs, ortFull.probs))
      check('ranker dwell_seconds: reference vs ORT', maxAbsDiff(refFull.dwellSeconds, ortFull.dwellSeconds))
      check('split probs: ORT split vs ORT full', maxAbsDiff(ortSplit.probs, ortFull.probs))
      check('split dwell: ORT split vs ORT full', maxAbsDiff(ortSplit.dwellSeconds, ortFull.dwellSeconds))
      check('prefix_valid: reference vs ORT', maxAbsDiff(refPrefix.valid, ortPrefix.valid), 0)
      check(
        'prefix_k (valid slots): reference vs ORT',
        prefixDiff(refPrefix.keys, ortPrefix.keys, refPrefix.valid),
      )
      check(
        'prefix_v (valid slots): reference vs ORT',
        prefixDiff(refPrefix.values, ortPrefix.values, refPrefix.valid),
      )
      // Across engines: each one's cached prefix drives the other's candidate pass.
      const refOnOrtPrefix = scoreCandidates(w, ortPrefix, c.candidates)
      const ortOnRefPrefix = await ort.scoreCandidates(refPrefix, c.candidates)
      check('split probs: reference on ORT prefix', maxAbsDiff(refOnOrtPrefix.probs, ortFull.probs))
      check('split probs: ORT on reference prefix', maxAbsDiff(ortOnRefPrefix.probs, ortFull.probs))
      check(
        'split dwell: ORT on reference prefix',
        maxAbsDiff(ortOnRefPrefix.dwellSeconds, ortFull.dwellSeconds),
      )
    })

    it.each(CASES.map((c) => [c.name, c] as const))('towers, reference vs onnxruntime: %s', async (_n, c) => {
      check(
        'user_embedding: reference vs ORT',
        maxAbsDiff(towers.userEmbedding(ut, c.history), await ort.userEmbeddings([c.history])),
      )
      const ortPosts = await ort.postEmbeddings(c.candidates)
      check('post_embedding: reference vs ORT', maxAbsDiff(towers.postEmbeddings(pt, c.candidates), ortPosts))
    })

    it('the ranker (onnxruntime, B = 3) is batch-invariant', async () => {
      const viewers = [CASES[4]!, CASES[0]!, CASES[2]!]
      const cands = selectCandidates(CASES[3]!.candidates, [3, 1, 4, 1, 5, 9, 2, 6])
      const batch = await ort.rankBatch(
        viewers.map((v) => v.history),
        viewers.map(() => cands),
      )
      const per = cands.n * A
      for (const [b, v] of viewers.entries()) {
        const alone = await ort.rank(v.history, cands)
        check(
          'ranker: ORT batch of 3 vs alone',
          maxAbsDiff(batch.probs.subarray(b * per, (b + 1) * per), alone.probs),
        )
      }
    })

    it('towers are batch- and padding-invariant on both engines', async () => {
      const hs = CASES.map((c) => c.history)
      const batch = await ort.userEmbeddings(hs)
      for (const [i, h] of hs.entries()) {
        check(
          'user tower: ORT batch of 5 vs alone',
          maxAbsDiff(batch.subarray(i * R, (i + 1) * R), await ort.userEmbeddings([h])),
        )
        const junk = junkInPadding(h, 9)
        check(
          'user tower: junk in padding (ORT)',
          maxAbsDiff(await ort.userEmbeddings([junk]), batch.subarray(i * R, (i + 1) * R)),
        )
        check(
          'user tower: junk in padding (reference)',
          maxAbsDiff(towers.userEmbedding(ut, junk), towers.userEmbedding(ut, h)),
        )
      }
      const posts = CASES[3]!.candidates
      const all = await ort.postEmbeddings(posts)
      const picks = [5, 63, 0, 5]
      const some = await ort.postEmbeddings(selectCandidates(posts, picks))
      picks.forEach((p, k) => {
        check(
          'post tower: ORT subset vs all',
          maxAbsDiff(some.subarray(k * R, (k + 1) * R), all.subarray(p * R, (p + 1) * R)),
        )
      })
    })

    it('matches the PyTorch fixture (inputs exactly, outputs ≤ 1e-4)', async () => {
      const fixtureFile = join(set.dir, 'fixture.json')
      expect(existsSync(fixtureFile), `${fixtureFile} is missing (export_onnx.py writes it)`).toBe(true)
      const fx = JSON.parse(readFileSync(fixtureFile, 'utf8')) as Fixture
      const { request: rq, inputs, outputs: out } = fx
      const history = featurizeHistory(
        rq.userId,
        rq.history.map((e) => ({
          ...e,
          postCreatedAtMs: e.postCreatedAtMs ?? undefined,
          postText: e.postText ?? undefined,
        })),
      )
      const cands = featurizeCandidates(
        rq.candidates.map((x) => ({ ...x, videoDurationMs: x.videoDurationMs ?? undefined })),
        rq.nowMs,
      )
      expect([...history.histPost]).toEqual(inputs.hist_post!.data)
      expect([...history.histText]).toEqual(inputs.hist_text!.data)
      expect([...cands.candText]).toEqual(inputs.cand_text!.data)
      expect([...cands.candCounts]).toEqual(inputs.cand_counts!.data)
      const ortFull = await ort.rank(history, cands)
      const ref = rankerForward(w, history, cands)
      check('fixture probs: ORT vs PyTorch', maxAbsDiff(ortFull.probs, out.probs!.data))
      check(
        'fixture dwell_seconds: ORT vs PyTorch',
        maxAbsDiff(ortFull.dwellSeconds, out.dwell_seconds!.data),
      )
      check('fixture probs: reference vs PyTorch', maxAbsDiff(ref.probs, out.probs!.data))
      check(
        'fixture dwell_seconds: reference vs PyTorch',
        maxAbsDiff(ref.dwellSeconds, out.dwell_seconds!.data),
      )
      const prefix = await ort.encodeHistory(history)
      check('fixture prefix_valid: ORT vs PyTorch', maxAbsDiff(prefix.valid, out.prefix_valid!.data), 0)
      for (const [key, got] of [
        ['prefix_k', prefix.keys],
        ['prefix_v', prefix.values],
      ] as const) {
        const summary = out[`${key}_summary`]
        let sum = 0
        let sumSq = 0
        for (const v of got) {
          sum += v
          sumSq += v * v
        }
        // Sums over 2·10⁵ values: compare relative to the tensor's L2 norm.
        check(
          `fixture ${key} sum / ‖·‖: ORT vs PyTorch`,
          Math.abs(sum - summary.sum) / Math.sqrt(summary.sum_sq),
        )
        check(
          `fixture ${key} Σx²: ORT vs PyTorch (relative)`,
          Math.abs(sumSq - summary.sum_sq) / summary.sum_sq,
        )
      }
      const u = out.user_embedding!.data
      check('fixture user_embedding: ORT vs PyTorch', maxAbsDiff(await ort.userEmbeddings([history]), u))
      check('fixture user_embedding: reference vs PyTorch', maxAbsDiff(towers.userEmbedding(ut, history), u))
      const p = out.post_embedding!.data
      check('fixture post_embedding: ORT vs PyTorch', maxAbsDiff(await ort.postEmbeddings(cands), p))
      check('fixture post_embedding: reference vs PyTorch', maxAbsDiff(towers.postEmbeddings(pt, cands), p))
    })
  },
)
