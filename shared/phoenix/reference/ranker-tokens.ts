// Token embeddings (models/train/ARCHITECTURE.md, "Tokens"): the user token, the history tokens and the
// candidate tokens, each a sum of projected hash rows and small lookup tables. The history and content
// parts are shared with the two towers, which use the same recipe under `ut.` / `pt.` names.
import { COUNT_FEATURES, PHOENIX_CONFIG } from '../config.ts'
import type { CandidateTensors, HistoryTensors } from '../features.ts'
import type { HashProjections, RankerWeights } from './ranker-weights.ts'
import { addRow, addVecMat } from './tensor-ops.ts'

const { dModel: D, hashWidth: W, discreteHeads: A, historyLen: H, textTokens: T } = PHOENIX_CONFIG
const NC = COUNT_FEATURES.length
const TYPE_USER = 0
const TYPE_HISTORY = 1
const TYPE_CANDIDATE = 2
/** Every candidate sits at this one position. */
const CANDIDATE_POSITION = H + 1

/** out[at:at+D] += Σ_j hashTable[rows[rowAt + j]] @ proj.j — an entity's hashed part ("project then sum"). */
export function addHashed(
  out: Float64Array,
  at: number,
  hashTable: Float32Array,
  rows: Int32Array,
  rowAt: number,
  proj: HashProjections,
): void {
  for (let j = 0; j < 2; j++) addVecMat(out, at, hashTable, rows[rowAt + j]! * W, proj[j]!, W, D)
}

/** The tables a history event's token is built from (the ranker's, or the user tower's `ut.` copies). */
export interface HistoryTables {
  hashTable: Float32Array
  histPostProj: HashProjections
  histAuthorProj: HashProjections
  actionEmb: Float32Array
  dwellVec: Float32Array
  surfaceEmb: Float32Array
  histAgeEmb: Float32Array
  /** Text-token table; the ranker shares one with its candidates, the user tower has its own. */
  textEmb: Float32Array
}

/** out[at:at+D] += history event i's post, author, actions, dwell, surface, age and text parts. */
export function addHistoryEvent(
  out: Float64Array,
  at: number,
  t: HistoryTables,
  history: HistoryTensors,
  i: number,
) {
  addHashed(out, at, t.hashTable, history.histPost, i * 2, t.histPostProj)
  addHashed(out, at, t.hashTable, history.histAuthor, i * 2, t.histAuthorProj)
  addVecMat(out, at, history.histActions, i * A, t.actionEmb, A, D)
  addRow(out, at, t.dwellVec, 0, D, history.histDwell[i]!)
  addRow(out, at, t.surfaceEmb, history.histSurface[i]!, D)
  addRow(out, at, t.histAgeEmb, history.histAge[i]!, D)
  addTextMean(out, at, t.textEmb, history.histText, i)
}

/** out[at:at+D] += mean of textEmb over row i's non-zero tokens of `text` [n, T] (nothing when it has none). */
export function addTextMean(
  out: Float64Array,
  at: number,
  textEmb: Float32Array,
  text: Int32Array,
  i: number,
) {
  let tokens = 0
  for (let t = 0; t < T; t++) if (text[i * T + t] !== 0) tokens++
  for (let t = 0; t < T; t++) {
    const tok = text[i * T + t]!
    if (tok !== 0) addRow(out, at, textEmb, tok, D, 1 / tokens)
  }
}

/** out[at:at+D] += Σ_k countEmb.k[candidate i's count bucket k]. */
export function addCounts(
  out: Float64Array,
  at: number,
  countEmb: readonly Float32Array[],
  c: CandidateTensors,
  i: number,
) {
  for (let k = 0; k < NC; k++) addRow(out, at, countEmb[k]!, c.candCounts[i * NC + k]!, D)
}

/** The prefix slots (0 = user, 1 + i = history i) that are valid, ascending. */
export function validPrefixSlots(history: HistoryTensors): Int32Array {
  const slots: number[] = []
  if (history.userHash[0] !== 0) slots.push(0)
  for (let i = 0; i < H; i++) if (history.histPost[i * 2] !== 0) slots.push(1 + i)
  return Int32Array.from(slots)
}

/** Embeddings [slots.length, D] of the given prefix slots. */
export function embedPrefix(w: RankerWeights, history: HistoryTensors, slots: Int32Array): Float64Array {
  const x = new Float64Array(slots.length * D)
  slots.forEach((slot, t) => {
    const at = t * D
    addRow(x, at, w.posEmb, slot, D)
    if (slot === 0) {
      addHashed(x, at, w.hashTable, history.userHash, 0, w.userProj)
      addRow(x, at, w.typeEmb, TYPE_USER, D)
    } else {
      addHistoryEvent(x, at, w, history, slot - 1)
      addRow(x, at, w.typeEmb, TYPE_HISTORY, D)
    }
  })
  return x
}

/** Embeddings [n, D] of every candidate. */
export function embedCandidates(w: RankerWeights, c: CandidateTensors): Float64Array {
  const x = new Float64Array(c.n * D)
  for (let i = 0; i < c.n; i++) {
    const at = i * D
    addHashed(x, at, w.hashTable, c.candPost, i * 2, w.candPostProj)
    addHashed(x, at, w.hashTable, c.candAuthor, i * 2, w.candAuthorProj)
    addTextMean(x, at, w.textEmb, c.candText, i)
    addRow(x, at, w.mediaEmb, c.candMedia[i]!, D)
    addRow(x, at, w.candAgeEmb, c.candAge[i]!, D)
    addCounts(x, at, w.countEmb, c, i)
    addVecMat(x, at, c.candFlags, i * 4, w.flagProj, 4, D)
    addRow(x, at, w.typeEmb, TYPE_CANDIDATE, D)
    addRow(x, at, w.posEmb, CANDIDATE_POSITION, D)
  }
  return x
}
