// The Phoenix ranker at the edge: the TypeScript reference over the split graph's weights. The history
// prefix is encoded once per viewer + history and reused; candidates are scored in chunks of the model's
// candidate count (candidate isolation makes chunking exact).
import { PHOENIX_CONFIG } from '../../shared/phoenix/config.ts'
import { featurizeCandidates, featurizeHistory } from '../../shared/phoenix/features.ts'
import { readOnnxWeights, WeightMap, type WeightTensor } from '../../shared/phoenix/reference/onnx-weights.ts'
import {
  encodeHistory,
  type RankerPrefix,
  scoreCandidates,
} from '../../shared/phoenix/reference/ranker-reference.ts'
import { type RankerWeights, rankerWeightsFrom } from '../../shared/phoenix/reference/ranker-weights.ts'
import type { PhoenixScoreEngine, PhoenixScores } from '../../shared/ranking/score-engine.ts'
import type { FeedCandidate, FeedViewer } from '../../shared/types/feed.ts'
import { fnv1a32 } from '../../shared/util/fnv1a.ts'
import { fetchModelBytes } from './model-assets'

const A = PHOENIX_CONFIG.discreteHeads
/** Viewers whose encoded prefix is kept (a prefix is ~0.5 MB: 4 layers × 128 slots × 128 dims × K and V). */
const PREFIX_CACHE_SIZE = 16

/** Named weights only: each half's anonymous `/Constant_*` nodes are graph plumbing, and differ between them. */
function namedWeights(bytes: Uint8Array): [string, WeightTensor][] {
  return [...readOnnxWeights(bytes).tensors].filter(([name]) => !name.startsWith('/'))
}

/**
 * The ranker's weights from ranker_history.onnx (prefix embeddings) and ranker_candidates.onnx (candidate
 * embeddings, every layer, heads). Weights present in both are the same tensors; one copy is kept.
 */
export async function loadSplitRankerWeights(assets: Fetcher): Promise<RankerWeights> {
  const merged = new Map(namedWeights(await fetchModelBytes(assets, 'ranker_history.onnx')))
  for (const [name, t] of namedWeights(await fetchModelBytes(assets, 'ranker_candidates.onnx'))) {
    merged.set(name, t)
  }
  return rankerWeightsFrom(new WeightMap(merged))
}

export class ReferenceScoreEngine implements PhoenixScoreEngine {
  readonly name = 'ts-reference'
  /** Insertion order = recency of use (a small LRU). */
  private readonly prefixes = new Map<string, RankerPrefix>()

  constructor(private readonly weights: RankerWeights) {}

  /** The viewer's encoded history; computed once per distinct viewer + history. */
  prefixFor(viewer: FeedViewer): RankerPrefix {
    const key = `${viewer.userId}:${fnv1a32(JSON.stringify(viewer.history))}:${viewer.history.length}`
    const cached = this.prefixes.get(key)
    if (cached) {
      this.prefixes.delete(key)
      this.prefixes.set(key, cached)
      return cached
    }
    const prefix = encodeHistory(this.weights, featurizeHistory(viewer.userId, viewer.history))
    this.prefixes.set(key, prefix)
    if (this.prefixes.size > PREFIX_CACHE_SIZE) this.prefixes.delete(this.prefixes.keys().next().value!)
    return prefix
  }

  async score(
    viewer: FeedViewer,
    candidates: readonly FeedCandidate[],
    nowMs: number,
  ): Promise<PhoenixScores> {
    const n = candidates.length
    const probs = new Float32Array(n * A)
    const dwellSeconds = new Float32Array(n)
    if (n === 0) return { probs, dwellSeconds }
    const prefix = this.prefixFor(viewer)
    const chunk = PHOENIX_CONFIG.maxCandidates
    for (let start = 0; start < n; start += chunk) {
      const part = candidates.slice(start, start + chunk)
      const out = scoreCandidates(this.weights, prefix, featurizeCandidates(part, nowMs))
      probs.set(out.probs, start * A)
      dwellSeconds.set(out.dwellSeconds, start)
    }
    return { probs, dwellSeconds }
  }
}
