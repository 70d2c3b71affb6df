// onnxruntime-web (WASM, in Node) against the ranker contract, on the shipped model set.
import { rankerEngineContract } from '../../shared/phoenix/reference/ranker-engine.contract.ts'
import { shippedModelSet } from './artifacts.ts'
import { configureOrtForNode, OrtPhoenix } from './ort-phoenix.ts'

rankerEngineContract(
  'onnxruntime-web (wasm)',
  async () => {
    configureOrtForNode()
    return OrtPhoenix.load(shippedModelSet(), [
      'ranker.onnx',
      'ranker_history.onnx',
      'ranker_candidates.onnx',
    ])
  },
  { isolationRuns: 60 },
)
