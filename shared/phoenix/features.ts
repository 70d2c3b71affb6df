// Phoenix feature preparation: a viewer's history and a list of candidates → the flat typed arrays the
// ranker and the two towers take as ONNX inputs. models/train/features.py is the Python twin; the test
// vectors in models/artifacts/test-vectors prove both write the same bytes.
import { DISCRETE_ACTIONS, DISCRETE_INDEX, type DiscreteAction, DWELL_CAP_SECONDS } from './actions.ts'
import { countBucket, mediaClass, postAgeBucket, wordsBucket } from './buckets.ts'
import { COUNT_FEATURES, PHOENIX_CONFIG } from './config.ts'
import { assertU64, hashRows } from './hashing.ts'
import { textTokenIds } from './text-tokens.ts'

export type MediaKind = 'none' | 'image' | 'video' | 'gif'

export interface HistoryEvent {
  postId: string
  authorId: string
  postCreatedAtMs?: number
  /** Bit i set = the viewer did DISCRETE_ACTIONS[i] on this post. */
  actionMask: number
  dwellSeconds: number
  /** Product surface id 0–15 (1 = home). */
  surface: number
  engagedAtMs: number
  /** The engaged post's text: its tokens tell the model what the viewer engages with, including posts
   * too new for their id embedding to mean anything. Absent → no text tokens. */
  postText?: string
}

export interface CandidateInput {
  postId: string
  authorId: string
  createdAtMs: number
  text: string
  media: MediaKind
  videoDurationMs?: number
  counts: { favorite: number; reply: number; repost: number; quote: number; view: number }
  inNetwork: boolean
  isReply: boolean
  isRepost: boolean
  isQuote: boolean
}

/** Shapes: userHash [2], hist* [H, …] with H = historyLen, right-aligned (newest last). */
export interface HistoryTensors {
  userHash: Int32Array
  histPost: Int32Array
  histAuthor: Int32Array
  histActions: Float32Array
  histDwell: Float32Array
  histSurface: Int32Array
  histAge: Int32Array
  /** [H, T] text token ids of each engaged post. */
  histText: Int32Array
}

/** Shapes: cand* [n, …]. */
export interface CandidateTensors {
  n: number
  candPost: Int32Array
  candAuthor: Int32Array
  candText: Int32Array
  candMedia: Int32Array
  candAge: Int32Array
  candCounts: Int32Array
  candFlags: Float32Array
}

const { historyLen: H, textTokens: T, discreteHeads: A } = PHOENIX_CONFIG

export function actionMask(actions: readonly DiscreteAction[]): number {
  let m = 0
  for (const a of actions) m |= 1 << DISCRETE_INDEX[a]
  return m >>> 0
}

export function featurizeHistory(userId: string, events: readonly HistoryEvent[]): HistoryTensors {
  assertU64(userId)
  const t: HistoryTensors = {
    userHash: new Int32Array(2),
    histPost: new Int32Array(H * 2),
    histAuthor: new Int32Array(H * 2),
    histActions: new Float32Array(H * A),
    histDwell: new Float32Array(H),
    histSurface: new Int32Array(H),
    histAge: new Int32Array(H),
    histText: new Int32Array(H * T),
  }
  hashRows('user', userId, t.userHash, 0)
  const recent = events.slice(Math.max(0, events.length - H))
  const start = H - recent.length
  recent.forEach((e, k) => {
    const i = start + k
    assertU64(e.postId)
    assertU64(e.authorId)
    hashRows('post', e.postId, t.histPost, i * 2)
    hashRows('author', e.authorId, t.histAuthor, i * 2)
    for (let a = 0; a < A; a++) if ((e.actionMask >>> a) & 1) t.histActions[i * A + a] = 1
    t.histDwell[i] = Math.min(Math.max(e.dwellSeconds, 0), DWELL_CAP_SECONDS) / DWELL_CAP_SECONDS
    t.histSurface[i] = Math.min(Math.max(Math.trunc(e.surface), 0), PHOENIX_CONFIG.surfaces - 1)
    t.histAge[i] = postAgeBucket(e.postCreatedAtMs, e.engagedAtMs)
    if (e.postText !== undefined) textTokenIds(e.postText, t.histText, i * T)
  })
  return t
}

export function featurizeCandidates(candidates: readonly CandidateInput[], nowMs: number): CandidateTensors {
  const n = candidates.length
  const t: CandidateTensors = {
    n,
    candPost: new Int32Array(n * 2),
    candAuthor: new Int32Array(n * 2),
    candText: new Int32Array(n * T),
    candMedia: new Int32Array(n),
    candAge: new Int32Array(n),
    candCounts: new Int32Array(n * COUNT_FEATURES.length),
    candFlags: new Float32Array(n * 4),
  }
  candidates.forEach((c, i) => {
    assertU64(c.postId)
    assertU64(c.authorId)
    hashRows('post', c.postId, t.candPost, i * 2)
    hashRows('author', c.authorId, t.candAuthor, i * 2)
    textTokenIds(c.text, t.candText, i * T)
    t.candMedia[i] = mediaClass(c.media, c.videoDurationMs)
    t.candAge[i] = postAgeBucket(c.createdAtMs, nowMs)
    COUNT_FEATURES.forEach((f, j) => {
      t.candCounts[i * COUNT_FEATURES.length + j] =
        f.name === 'words' ? wordsBucket(c.text, f.max) : countBucket(c.counts[f.name], f.max)
    })
    t.candFlags.set([+c.inNetwork, +c.isReply, +c.isRepost, +c.isQuote], i * 4)
  })
  return t
}

/** Which heads fired, from a bitmask (for labels and explanations). */
export function actionsOf(mask: number): DiscreteAction[] {
  return DISCRETE_ACTIONS.filter((_, i) => (mask >>> i) & 1)
}
