// The feed benchmark's ranking part, in Node: a viewer's real candidates (from POST /v1/feed/candidates)
// scored with and without the cached history prefix, by the TypeScript reference (what GET /v1/feed runs
// at the edge) and by onnxruntime-web's wasm backend (what the browser pool runs without WebGPU).
// Candidates go in chunks of the model's 64, as both engines serve them; candidate featurization is timed
// in every variant, history featurization only where the prefix is computed.
import { describeSet, readModel, shippedModelSet } from '../../models/eval/artifacts.ts'
import { configureOrtForNode, OrtPhoenix } from '../../models/eval/ort-phoenix.ts'
import { PHOENIX_CONFIG } from '../../shared/phoenix/config.ts'
import { featurizeCandidates, featurizeHistory } from '../../shared/phoenix/features.ts'
import {
  encodeHistory,
  type RankerPrefix,
  rankerForward,
  scoreCandidates,
} from '../../shared/phoenix/reference/ranker-reference.ts'
import { loadRankerWeights } from '../../shared/phoenix/reference/ranker-weights.ts'
import type { FeedCandidate, FeedViewer } from '../../shared/types/feed.ts'
import { sideBySide } from './bench-stats'

export interface RankingTimes {
  models: string
  candidates: number
  historyEvents: number
  repeats: number
  /** Median ms per variant, [TypeScript reference, onnxruntime wasm]. */
  fullPassPerChunk: [number, number]
  prefixOnce: [number, number]
  cachedPrefix: [number, number]
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export async function measureRanking(
  viewer: FeedViewer,
  candidates: readonly FeedCandidate[],
  nowMs: number,
  repeats: number,
): Promise<RankingTimes> {
  const set = shippedModelSet()
  configureOrtForNode(1)
  const ort = await OrtPhoenix.load(set, ['ranker.onnx', 'ranker_history.onnx', 'ranker_candidates.onnx'])
  const w = loadRankerWeights(readModel(set, 'ranker.onnx'))
  const parts = chunks(candidates, PHOENIX_CONFIG.maxCandidates)
  const history = () => featurizeHistory(viewer.userId, viewer.history)
  const refPrefix: RankerPrefix = encodeHistory(w, history())
  const ortPrefix: RankerPrefix = await ort.encodeHistory(history())

  const ref = {
    full: () => {
      for (const part of parts) rankerForward(w, history(), featurizeCandidates(part, nowMs))
    },
    once: () => {
      const prefix = encodeHistory(w, history())
      for (const part of parts) scoreCandidates(w, prefix, featurizeCandidates(part, nowMs))
    },
    cached: () => {
      for (const part of parts) scoreCandidates(w, refPrefix, featurizeCandidates(part, nowMs))
    },
  }
  const viaOrt = {
    full: async () => {
      for (const part of parts) await ort.rank(history(), featurizeCandidates(part, nowMs))
    },
    once: async () => {
      const prefix = await ort.encodeHistory(history())
      for (const part of parts) await ort.scoreCandidates(prefix, featurizeCandidates(part, nowMs))
    },
    cached: async () => {
      for (const part of parts) await ort.scoreCandidates(ortPrefix, featurizeCandidates(part, nowMs))
    },
  }
  try {
    const t = await sideBySide(repeats, [
      ref.full,
      viaOrt.full,
      ref.once,
      viaOrt.once,
      ref.cached,
      viaOrt.cached,
    ])
    const pair = (i: number): [number, number] => [t[i] ?? Number.NaN, t[i + 1] ?? Number.NaN]
    return {
      models: describeSet(set),
      candidates: candidates.length,
      historyEvents: Math.min(viewer.history.length, PHOENIX_CONFIG.historyLen),
      repeats,
      fullPassPerChunk: pair(0),
      prefixOnce: pair(2),
      cachedPrefix: pair(4),
    }
  } finally {
    await ort.release()
  }
}
