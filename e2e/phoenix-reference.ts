// Expected values for the Phoenix e2e checks, computed in Node by the plain-TypeScript reference forward
// passes (shared/phoenix/reference) on the committed full ranker.onnx and user_tower.onnx — not by the
// split graphs, the feeds builder or the pool the page runs.
import { readFileSync } from 'node:fs'
import { featurizeCandidates, featurizeHistory } from '../shared/phoenix/features.ts'
import {
  encodeHistory,
  type RankerScores,
  scoreCandidates,
} from '../shared/phoenix/reference/ranker-reference.ts'
import { loadRankerWeights } from '../shared/phoenix/reference/ranker-weights.ts'
import { loadUserTowerWeights, userEmbedding } from '../shared/phoenix/reference/two-tower-reference.ts'
import type { FeedViewer } from '../shared/types/feed.ts'
import { phoenixTestRequest, withOneMoreEngagement } from '../web/src/phoenix/phoenix-test-request'

const artifact = (name: string) => readFileSync(new URL(`../models/artifacts/${name}`, import.meta.url))

export interface PhoenixReference {
  batches: RankerScores[]
  /** The last batch scored for the viewer with one more engagement. */
  changedHistory: RankerScores
  userEmbedding: Float32Array
}

export function phoenixReference(
  seed: number,
  events: number,
  batchSizes: readonly number[],
): PhoenixReference {
  const ranker = loadRankerWeights(artifact('ranker.onnx'))
  const { viewer, batches, nowMs } = phoenixTestRequest(seed, events, batchSizes)
  const prefixOf = (v: FeedViewer) => encodeHistory(ranker, featurizeHistory(v.userId, v.history))
  const prefix = prefixOf(viewer)
  const scored = batches.map((b) => scoreCandidates(ranker, prefix, featurizeCandidates(b, nowMs)))
  const changedPrefix = prefixOf(withOneMoreEngagement(viewer, seed + 1))
  const last = featurizeCandidates(batches.at(-1) ?? [], nowMs)
  const tower = loadUserTowerWeights(artifact('user_tower.onnx'))
  return {
    batches: scored,
    changedHistory: scoreCandidates(ranker, changedPrefix, last),
    userEmbedding: userEmbedding(tower, featurizeHistory(viewer.userId, viewer.history)),
  }
}
