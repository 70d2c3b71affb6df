// Thunder's numeric settings. Upstream's thunder/config.rs is not public, so these are our choices; the
// reasons are in edge/README.md ("Thunder caps") and the tests in thunder-*.test.ts pin each one.

export interface ThunderCaps {
  /** Posts older than this are never stored or returned (upstream: 2 days). */
  retentionMs: number
  /** Storage cap per author per list (original, secondary, video); the oldest entry is evicted. */
  maxPostingListSize: number
  /** Fetch maxima per author: original list, secondary (replies + reposts) list, video list. */
  maxOriginalPerAuthor: number
  maxReplyPerAuthor: number
  maxVideoPerAuthor: number
  /** Entries walked per author list per fetch, excluded and filtered ones included. */
  maxScanPerAuthor: number
  /** Posts stamped further in the future than this are dropped as bogus. */
  futureSkewMs: number
  /** Tombstones are kept this long after the delete, then age out. */
  tombstoneRetentionMs: number
  /** How often the trimming alarm runs while the shard holds anything. */
  trimIntervalMs: number
}

const HOUR_MS = 60 * 60 * 1000

export const THUNDER_CAPS: Readonly<ThunderCaps> = Object.freeze({
  retentionMs: 48 * HOUR_MS,
  maxPostingListSize: 512,
  maxOriginalPerAuthor: 50,
  maxReplyPerAuthor: 30,
  maxVideoPerAuthor: 20,
  maxScanPerAuthor: 200,
  futureSkewMs: 5 * 60 * 1000,
  tombstoneRetentionMs: 48 * HOUR_MS,
  trimIntervalMs: 5 * 60 * 1000,
})
