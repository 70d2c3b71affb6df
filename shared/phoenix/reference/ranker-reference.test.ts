// The TypeScript reference against the ranker contract, on the shipped model set's ranker.onnx weights.
// Parity with onnxruntime and the PyTorch fixture is in models/eval/phoenix-parity.test.ts.
import { readModel, shippedModelSet } from '../../../models/eval/artifacts.ts'
import { rankerEngineContract } from './ranker-engine.contract.ts'
import { encodeHistory, rankerForward, scoreCandidates } from './ranker-reference.ts'
import { loadRankerWeights } from './ranker-weights.ts'

rankerEngineContract(
  'TypeScript reference',
  async () => {
    const w = loadRankerWeights(readModel(shippedModelSet(), 'ranker.onnx'))
    return {
      rank: async (h, c) => rankerForward(w, h, c),
      encodeHistory: async (h) => encodeHistory(w, h),
      scoreCandidates: async (p, c) => scoreCandidates(w, p, c),
    }
  },
  { isolationRuns: 25 },
)
