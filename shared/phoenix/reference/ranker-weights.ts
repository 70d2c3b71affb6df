// The Phoenix ranker's parameters, found by their initializer names (models/train/ARCHITECTURE.md) and
// shape-checked against PHOENIX_CONFIG, so a renamed or resized weight fails loudly at load time.
import { COUNT_FEATURES, PHOENIX_CONFIG, TABLE_ROWS } from '../config.ts'
import { readOnnxWeights, type WeightMap } from './onnx-weights.ts'
import { type LayerWeights, layerWeights } from './transformer-layer.ts'

const { dModel: D, hashWidth: W, discreteHeads: A, historyLen: H } = PHOENIX_CONFIG

/** Two `[W, D]` projections, one per hash function ("project then sum"). */
export type HashProjections = readonly [Float32Array, Float32Array]

export interface RankerWeights {
  hashTable: Float32Array
  userProj: HashProjections
  histPostProj: HashProjections
  histAuthorProj: HashProjections
  candPostProj: HashProjections
  candAuthorProj: HashProjections
  actionEmb: Float32Array
  dwellVec: Float32Array
  surfaceEmb: Float32Array
  histAgeEmb: Float32Array
  textEmb: Float32Array
  mediaEmb: Float32Array
  candAgeEmb: Float32Array
  countEmb: readonly Float32Array[]
  flagProj: Float32Array
  typeEmb: Float32Array
  posEmb: Float32Array
  layers: readonly LayerWeights[]
  finalNorm: Float32Array
  head: Float32Array
  headBias: Float32Array
  dwellHead: Float32Array
  dwellBias: Float32Array
}

/** The two `${name}.{0,1}` projections. */
export function projections(w: WeightMap, name: string): HashProjections {
  return [w.get(`${name}.0`, [W, D]), w.get(`${name}.1`, [W, D])]
}

export function rankerWeightsFrom(w: WeightMap): RankerWeights {
  const p = PHOENIX_CONFIG
  return {
    hashTable: w.get('hash_table', [TABLE_ROWS, W]),
    userProj: projections(w, 'user_proj'),
    histPostProj: projections(w, 'hist_post_proj'),
    histAuthorProj: projections(w, 'hist_author_proj'),
    candPostProj: projections(w, 'cand_post_proj'),
    candAuthorProj: projections(w, 'cand_author_proj'),
    actionEmb: w.get('action_emb', [A, D]),
    dwellVec: w.get('dwell_vec', [D]),
    surfaceEmb: w.get('surface_emb', [p.surfaces, D]),
    histAgeEmb: w.get('hist_age_emb', [p.ageBuckets, D]),
    textEmb: w.get('text_emb', [p.textBuckets, D]),
    mediaEmb: w.get('media_emb', [p.mediaClasses, D]),
    candAgeEmb: w.get('cand_age_emb', [p.ageBuckets, D]),
    countEmb: COUNT_FEATURES.map((_, k) => w.get(`count_emb.${k}`, [p.countBuckets, D])),
    flagProj: w.get('flag_proj', [4, D]),
    typeEmb: w.get('type_emb', [3, D]),
    posEmb: w.get('pos_emb', [H + 2, D]),
    layers: Array.from({ length: p.layers }, (_, l) => layerWeights(w, '', l)),
    finalNorm: w.get('final_norm', [D]),
    head: w.get('head', [D, A]),
    headBias: w.get('head_bias', [A]),
    dwellHead: w.get('dwell_head', [D, 1]),
    dwellBias: w.get('dwell_bias', [1]),
  }
}

/** The ranker's weights from `ranker.onnx` bytes. */
export function loadRankerWeights(onnxBytes: Uint8Array): RankerWeights {
  return rankerWeightsFrom(readOnnxWeights(onnxBytes))
}
