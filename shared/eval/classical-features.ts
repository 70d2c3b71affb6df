// Hand-built features for the classical baseline (classical-baseline.ts): what a practitioner would try
// first from exactly what the ranker receives (a session's history rows and its candidates as served):
// in-network; the viewer's past engagement with the candidate's author and with its words (share of the
// history, and per head the smoothed rate of that action among those history events); media kind, video
// length, link, reply / repost / quote; age at the serve time; the public counts as served. A repost is
// read through its original (its content), as the world's truth and any hydration step would.
import { DISCRETE_ACTIONS } from '../phoenix/actions.ts'
import { words } from '../phoenix/text-tokens.ts'
import type { DatasetPost, SessionRecord } from './eval-data.ts'
import { servedPost } from './session-features.ts'

const A = DISCRETE_ACTIONS.length
const HOUR_MS = 3_600_000
/** Pseudo-events pulling a per-author / per-word action rate towards the viewer's own history rate. */
const PRIOR_EVENTS = 2

/** Columns shared by every head, in order. */
export const SHARED_FEATURES = [
  'in_network',
  'author_events_log',
  'author_share',
  'word_match_share',
  'word_events_log',
  'media_image',
  'media_video',
  'media_gif',
  'video_seconds_log',
  'long_video',
  'has_link',
  'is_reply',
  'is_repost',
  'is_quote',
  'quoted_long_video',
  'age_hours_log',
  'age_days_capped',
  'favorites_log',
  'replies_log',
  'reposts_log',
  'quotes_log',
  'views_log',
  'engagement_per_view_log',
  'words_log',
  'history_log',
] as const
/** Columns specific to head h: the viewer's rate of h overall, with this author, and with these words. */
export const HEAD_FEATURES = ['viewer_rate', 'author_rate', 'word_rate'] as const
export const FEATURE_COUNT = SHARED_FEATURES.length + HEAD_FEATURES.length

/** A session's candidates as rows: shared [n, S] and per head [n, A, 3], row-major. */
export interface SessionFeatures {
  n: number
  shared: Float64Array
  perHead: Float64Array
}

function content(posts: ReadonlyMap<string, DatasetPost>, p: DatasetPost): DatasetPost {
  return (p.repostOfId !== null ? posts.get(p.repostOfId) : undefined) ?? p
}

interface Tally {
  events: number
  acts: Float64Array
}

function tally(map: Map<string, Tally>, key: string, mask: number): void {
  let t = map.get(key)
  if (t === undefined) {
    t = { events: 0, acts: new Float64Array(A) }
    map.set(key, t)
  }
  t.events++
  for (let h = 0; h < A; h++) t.acts[h]! += (mask >>> h) & 1
}

const isLongVideo = (p: DatasetPost | undefined) =>
  p !== undefined && p.media === 'video' && (p.videoDurationMs ?? 0) >= 10_000

export function sessionFeatures(posts: ReadonlyMap<string, DatasetPost>, s: SessionRecord): SessionFeatures {
  const byAuthor = new Map<string, Tally>()
  const byWord = new Map<string, Tally>()
  const overall: Tally = { events: 0, acts: new Float64Array(A) }
  for (const [postId, mask] of s.history) {
    const p = posts.get(postId)
    if (p === undefined) continue
    const c = content(posts, p)
    tally(byAuthor, c.authorId, mask)
    for (const w of words(c.text)) tally(byWord, w, mask)
    overall.events++
    for (let h = 0; h < A; h++) overall.acts[h]! += (mask >>> h) & 1
  }
  const viewerRate = Float64Array.from(overall.acts, (a) => (a + 0.5) / (overall.events + 1))
  const smoothed = (t: Tally | undefined, h: number) =>
    ((t?.acts[h] ?? 0) + PRIOR_EVENTS * viewerRate[h]!) / ((t?.events ?? 0) + PRIOR_EVENTS)

  const n = s.candidates.length
  const S = SHARED_FEATURES.length
  const shared = new Float64Array(n * S)
  const perHead = new Float64Array(n * A * HEAD_FEATURES.length)
  s.candidates.forEach(([postId, inNetwork, , , counts], i) => {
    const p = servedPost(posts.get(postId)!, counts)
    const c = content(posts, p)
    const author = byAuthor.get(c.authorId)
    const ws = words(c.text)
    const seen = ws.map((w) => byWord.get(w)).filter((t): t is Tally => t !== undefined)
    const k = p.counts
    const ageHours = Math.max(0, s.servedAtMs - p.createdAtMs) / HOUR_MS
    const quoted = p.quoteOfId !== null ? posts.get(p.quoteOfId) : undefined
    const row = [
      inNetwork,
      Math.log1p(author?.events ?? 0),
      (author?.events ?? 0) / Math.max(overall.events, 1),
      seen.length / Math.max(ws.length, 1),
      seen.reduce((a, t) => a + Math.log1p(t.events), 0) / Math.max(ws.length, 1),
      c.media === 'image' ? 1 : 0,
      c.media === 'video' ? 1 : 0,
      c.media === 'gif' ? 1 : 0,
      c.media === 'video' ? Math.log1p((c.videoDurationMs ?? 0) / 1000) : 0,
      isLongVideo(c) ? 1 : 0,
      c.text.includes('https://') ? 1 : 0,
      p.replyToId !== null ? 1 : 0,
      p.repostOfId !== null ? 1 : 0,
      p.quoteOfId !== null ? 1 : 0,
      isLongVideo(quoted) ? 1 : 0,
      Math.log1p(ageHours),
      Math.min(ageHours, 48) / 24,
      Math.log1p(k.favorite),
      Math.log1p(k.reply),
      Math.log1p(k.repost),
      Math.log1p(k.quote),
      Math.log1p(k.view),
      Math.log((k.favorite + k.reply + k.repost + k.quote + 1) / (k.view + 20)),
      Math.log1p(ws.length),
      Math.log1p(overall.events),
    ]
    shared.set(row, i * S)
    for (let h = 0; h < A; h++) {
      const wordRate =
        seen.length === 0 ? viewerRate[h]! : seen.reduce((a, t) => a + smoothed(t, h), 0) / seen.length
      perHead.set([viewerRate[h]!, smoothed(author, h), wordRate], (i * A + h) * HEAD_FEATURES.length)
    }
  })
  return { n, shared, perHead }
}

/** Head h's full feature row for candidate i (shared columns, then the head's own). */
export function featureRow(f: SessionFeatures, i: number, h: number, out: Float64Array): void {
  const S = SHARED_FEATURES.length
  const K = HEAD_FEATURES.length
  out.set(f.shared.subarray(i * S, (i + 1) * S), 0)
  out.set(f.perHead.subarray((i * A + h) * K, (i * A + h + 1) * K), S)
}
