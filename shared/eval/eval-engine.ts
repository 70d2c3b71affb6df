// What the eval needs from a model runtime: the split ranker and both towers, typed arrays in and out.
// onnxruntime in Node (models/eval/ort-phoenix.ts) and the browser's worker pool (web/src/lab) implement it,
// so the model lab and `npm run models:eval` run the same eval code.
import type { CandidateTensors, HistoryTensors } from '../phoenix/features.ts'
import type { RankerPrefix, RankerScores } from '../phoenix/reference/ranker-reference.ts'

export interface EvalEngine {
  /** ranker_history for one viewer: the cached prefix. */
  encodeHistory(h: HistoryTensors): Promise<RankerPrefix>
  /** ranker_candidates for one viewer's prefix: probs [n·A] and dwell seconds [n]. */
  scoreCandidates(prefix: RankerPrefix, c: CandidateTensors): Promise<RankerScores>
  /** user_tower for B viewers: unit embeddings [B·R]. */
  userEmbeddings(hs: readonly HistoryTensors[]): Promise<Float32Array>
  /** post_tower for N posts: unit embeddings [N·R]. */
  postEmbeddings(c: CandidateTensors): Promise<Float32Array>
}
