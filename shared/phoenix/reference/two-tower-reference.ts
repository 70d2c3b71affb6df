// Plain-TypeScript forward passes of the two retrieval towers (user_tower.onnx, post_tower.onnx), with the
// math of models/train/two_tower.py. Both return L2-normalised R-vectors; retrieval scores by dot product.
import { COUNT_FEATURES, PHOENIX_CONFIG, TABLE_ROWS } from '../config.ts'
import type { CandidateTensors, HistoryTensors } from '../features.ts'
import { readOnnxWeights, type WeightMap } from './onnx-weights.ts'
import { addCounts, addHashed, addHistoryEvent, addTextMean, type HistoryTables } from './ranker-tokens.ts'
import { type HashProjections, projections } from './ranker-weights.ts'
import { addRow, geluTanh, l2NormalizeRows, matmul, rmsNorm } from './tensor-ops.ts'
import { finishSelfAttentionLayer, keysValues, type LayerWeights, layerWeights } from './transformer-layer.ts'

const P = PHOENIX_CONFIG
const { dModel: D, ffnDim: F, hashWidth: W, historyLen: H, retrievalDim: R, rmsEps: EPS } = P

/** GELU_tanh(RMSNorm(x) · out_norm @ w1 + b1) @ w2 + b2, then L2 — both towers' output MLP. */
interface OutputMlp {
  outNorm: Float32Array
  w1: Float32Array
  b1: Float32Array
  w2: Float32Array
  b2: Float32Array
}

export interface UserTowerWeights extends HistoryTables, OutputMlp {
  posEmb: Float32Array
  layers: readonly LayerWeights[]
}

export interface PostTowerWeights extends OutputMlp {
  hashTable: Float32Array
  authorProj: HashProjections
  textEmb: Float32Array
  mediaEmb: Float32Array
  countEmb: readonly Float32Array[]
}

function outputMlp(w: WeightMap, prefix: string): OutputMlp {
  return {
    outNorm: w.get(`${prefix}out_norm`, [D]),
    w1: w.get(`${prefix}w1`, [D, F]),
    b1: w.get(`${prefix}b1`, [F]),
    w2: w.get(`${prefix}w2`, [F, R]),
    b2: w.get(`${prefix}b2`, [R]),
  }
}

/** The user tower's `ut.*` weights from `user_tower.onnx` bytes. */
export function loadUserTowerWeights(onnxBytes: Uint8Array): UserTowerWeights {
  const w = readOnnxWeights(onnxBytes)
  let layers = 0
  while (w.has(`ut.layers.${layers}.wq`)) layers++
  if (layers === 0) throw new Error('user tower: no ut.layers.0.* initializers')
  return {
    hashTable: w.get('ut.hash_table', [TABLE_ROWS, W]),
    histPostProj: projections(w, 'ut.hist_post_proj'),
    histAuthorProj: projections(w, 'ut.hist_author_proj'),
    actionEmb: w.get('ut.action_emb', [P.discreteHeads, D]),
    dwellVec: w.get('ut.dwell_vec', [D]),
    surfaceEmb: w.get('ut.surface_emb', [P.surfaces, D]),
    histAgeEmb: w.get('ut.hist_age_emb', [P.ageBuckets, D]),
    textEmb: w.get('ut.text_emb', [P.textBuckets, D]),
    posEmb: w.get('ut.pos_emb', [H, D]),
    layers: Array.from({ length: layers }, (_, l) => layerWeights(w, 'ut.', l)),
    ...outputMlp(w, 'ut.'),
  }
}

/** The post tower's `pt.*` weights from `post_tower.onnx` bytes. */
export function loadPostTowerWeights(onnxBytes: Uint8Array): PostTowerWeights {
  const w = readOnnxWeights(onnxBytes)
  return {
    hashTable: w.get('pt.hash_table', [TABLE_ROWS, W]),
    authorProj: projections(w, 'pt.author_proj'),
    textEmb: w.get('pt.text_emb', [P.textBuckets, D]),
    mediaEmb: w.get('pt.media_emb', [P.mediaClasses, D]),
    countEmb: COUNT_FEATURES.map((_, k) => w.get(`pt.count_emb.${k}`, [P.countBuckets, D])),
    ...outputMlp(w, 'pt.'),
  }
}

function project(m: OutputMlp, x: Float64Array, rows: number): Float32Array {
  const u = matmul(rmsNorm(x, rows, D, m.outNorm, EPS), rows, m.w1, D, F)
  for (let i = 0; i < u.length; i++) u[i]! += m.b1[i % F]!
  const y = matmul(geluTanh(u), rows, m.w2, F, R)
  for (let i = 0; i < y.length; i++) y[i]! += m.b2[i % R]!
  return l2NormalizeRows(y, rows, R)
}

/** The viewer's unit embedding [R] from their history: valid events attend to each other, then mean-pool. */
export function userEmbedding(w: UserTowerWeights, history: HistoryTensors): Float32Array {
  const slots: number[] = []
  for (let i = 0; i < H; i++) if (history.histPost[i * 2] !== 0) slots.push(i)
  const n = slots.length
  const x = new Float64Array(n * D)
  slots.forEach((i, t) => {
    addHistoryEvent(x, t * D, w, history, i)
    addRow(x, t * D, w.posEmb, i, D)
  })
  for (const lw of w.layers) finishSelfAttentionLayer(lw, x, n, keysValues(lw, x, n))
  const pooled = new Float64Array(D)
  for (let t = 0; t < n; t++) for (let d = 0; d < D; d++) pooled[d]! += x[t * D + d]! / n
  return project(w, pooled, 1)
}

/** Unit embeddings [n, R] of posts from their author, text, media and engagement-count buckets. */
export function postEmbeddings(w: PostTowerWeights, posts: CandidateTensors): Float32Array {
  const x = new Float64Array(posts.n * D)
  for (let i = 0; i < posts.n; i++) {
    addHashed(x, i * D, w.hashTable, posts.candAuthor, i * 2, w.authorProj)
    addTextMean(x, i * D, w.textEmb, posts.candText, i)
    addRow(x, i * D, w.mediaEmb, posts.candMedia[i]!, D)
    addCounts(x, i * D, w.countEmb, posts, i)
  }
  return project(w, x, posts.n)
}
