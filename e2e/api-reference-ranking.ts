// The ranking an API client would compute from the same candidates response: the plain-TypeScript reference
// ranker (committed ranker.onnx) in Node and shared/ranking's rankFeed. The product spec compares the page's
// explanations with it.
import { readFileSync } from 'node:fs'
import { PHOENIX_CONFIG } from '../shared/phoenix/config.ts'
import { featurizeCandidates, featurizeHistory } from '../shared/phoenix/features.ts'
import { encodeHistory, scoreCandidates } from '../shared/phoenix/reference/ranker-reference.ts'
import { loadRankerWeights } from '../shared/phoenix/reference/ranker-weights.ts'
import { type RankedFeed, rankFeed } from '../shared/ranking/rank-feed.ts'
import type { PhoenixScoreEngine } from '../shared/ranking/score-engine.ts'
import type { FeedCandidate, FeedViewer } from '../shared/types/feed.ts'

const A = PHOENIX_CONFIG.discreteHeads

function referenceEngine(): PhoenixScoreEngine {
  const weights = loadRankerWeights(readFileSync(new URL('../models/artifacts/ranker.onnx', import.meta.url)))
  return {
    name: 'ts-reference',
    async score(viewer, candidates, nowMs) {
      const prefix = encodeHistory(weights, featurizeHistory(viewer.userId, viewer.history))
      const probs = new Float32Array(candidates.length * A)
      const dwellSeconds = new Float32Array(candidates.length)
      for (let i = 0; i < candidates.length; i += PHOENIX_CONFIG.maxCandidates) {
        const chunk = candidates.slice(i, i + PHOENIX_CONFIG.maxCandidates)
        const s = scoreCandidates(weights, prefix, featurizeCandidates(chunk, nowMs))
        probs.set(s.probs.subarray(0, chunk.length * A), i * A)
        dwellSeconds.set(s.dwellSeconds.subarray(0, chunk.length), i)
      }
      return { probs, dwellSeconds }
    },
  }
}

export interface CandidatesBody {
  viewer: FeedViewer
  nowMs: number
  candidates: FeedCandidate[]
}

export function rankLikeAnApiClient(body: CandidatesBody): Promise<RankedFeed> {
  return rankFeed(referenceEngine(), body.viewer, body.candidates, body.nowMs)
}
