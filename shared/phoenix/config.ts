// The browser-sized Phoenix configuration shared by feature preparation (TS and Python), the trainer, the
// ONNX exports and the TS reference forward pass. Changing a number here means retraining.
import { DISCRETE_ACTIONS } from './actions.ts'

export const PHOENIX_CONFIG = {
  /** History events per viewer (right-aligned; the user token makes the prefix 128 long). */
  historyLen: 127,
  /** Candidates scored per pass; all share one position and never see each other. */
  maxCandidates: 64,
  dModel: 128,
  layers: 4,
  heads: 4,
  ffnDim: 256,
  rmsEps: 1e-5,
  /** Width of a hash-table row before its per-hash projection to dModel ("project then sum"). */
  hashWidth: 32,
  /** Hash buckets per entity; row 0 of the shared table is padding. */
  userBuckets: 8192,
  postBuckets: 32768,
  authorBuckets: 4096,
  /** Hashed word tokens per candidate and their vocabulary (0 = padding). */
  textTokens: 24,
  textBuckets: 4096,
  surfaces: 16,
  /** Post-age buckets: hours since creation + 1, clipped; 0 = unknown. Upstream: 4800/60 + 2. */
  ageBuckets: 82,
  /** Media classes: 0 pad, 1 text only, 2 image, 3 short video (< 10 s), 4 video, 5 gif. */
  mediaClasses: 6,
  /** Engagement-count buckets (log2), one table per count. */
  countBuckets: 32,
  discreteHeads: DISCRETE_ACTIONS.length,
  /** Dwell predictions are sigmoid × this many seconds. */
  dwellScaleSeconds: 30,
  /** Two-tower embedding size. */
  retrievalDim: 64,
} as const

/** Row offsets of each entity block in the one shared hash table: [pad][user][post][author]. */
export const TABLE_OFFSETS = {
  user: 1,
  post: 1 + PHOENIX_CONFIG.userBuckets,
  author: 1 + PHOENIX_CONFIG.userBuckets + PHOENIX_CONFIG.postBuckets,
} as const

export const TABLE_ROWS = TABLE_OFFSETS.author + PHOENIX_CONFIG.authorBuckets

/**
 * The order of `cand_counts` columns and each one's bucket cap. The engagement counts use log2 buckets with
 * upstream's per-feature maxima; `words` is the post's length in words, bucketed linearly (capped at 31):
 * the text tokens are a mean of unique words, which says what a post is about but not how long it is, and
 * reading time (dwell) follows length.
 */
export const COUNT_FEATURES = [
  { name: 'favorite', max: 18 },
  { name: 'reply', max: 13 },
  { name: 'repost', max: 15 },
  { name: 'quote', max: 13 },
  { name: 'view', max: 25 },
  { name: 'words', max: 31 },
] as const

/** `cand_flags` columns. */
export const CANDIDATE_FLAGS = ['in_network', 'is_reply', 'is_repost', 'is_quote'] as const
