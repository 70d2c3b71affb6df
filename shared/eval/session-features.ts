// World records → the featurizer's raw inputs, the same mapping models/train/dataset.py uses for training:
// a history event takes its post's author and creation time; a candidate is its post as exported, with
// in-network from the session, its counts as they were at the serve time (the session records them) and the
// reply/repost/quote flags from the post's references.
import {
  type CandidateInput,
  type CandidateTensors,
  featurizeCandidates,
  featurizeHistory,
  type HistoryEvent,
  type HistoryTensors,
} from '../phoenix/features.ts'
import type { EngagementCounts } from '../types/post.ts'
import type { DatasetPost, HistoryRow, ServedCounts, SessionRecord } from './eval-data.ts'

function post(posts: ReadonlyMap<string, DatasetPost>, id: string): DatasetPost {
  const p = posts.get(id)
  if (p === undefined) throw new Error(`post ${id} is not in the posts file`)
  return p
}

export function historyEvents(
  posts: ReadonlyMap<string, DatasetPost>,
  rows: readonly HistoryRow[],
): HistoryEvent[] {
  return rows.map(([postId, actionMask, dwellSeconds, surface, engagedAtMs]) => {
    const p = post(posts, postId)
    return {
      postId,
      authorId: p.authorId,
      postCreatedAtMs: p.createdAtMs,
      actionMask,
      dwellSeconds,
      surface,
      engagedAtMs,
      postText: p.text,
    }
  })
}

/** A candidate's counts when it was served, in the domain's shape. */
export function servedCounts([favorite, reply, repost, quote, view]: ServedCounts): EngagementCounts {
  return { favorite, reply, repost, quote, view }
}

/** The candidate post as it looked at the serve time: its counts are those of that moment. */
export function servedPost(p: DatasetPost, counts: ServedCounts): DatasetPost {
  return { ...p, counts: servedCounts(counts) }
}

/** `p.counts` must be the counts the ranker may see (servedPost for a session candidate). */
export function candidateInput(p: DatasetPost, inNetwork: boolean): CandidateInput {
  return {
    postId: p.id,
    authorId: p.authorId,
    createdAtMs: p.createdAtMs,
    text: p.text,
    media: p.media,
    videoDurationMs: p.videoDurationMs ?? undefined,
    counts: p.counts,
    inNetwork,
    isReply: p.replyToId !== null,
    isRepost: p.repostOfId !== null,
    isQuote: p.quoteOfId !== null,
  }
}

export function userHistory(
  posts: ReadonlyMap<string, DatasetPost>,
  userId: string,
  rows: readonly HistoryRow[],
) {
  return featurizeHistory(userId, historyEvents(posts, rows))
}

/** A session's ranker inputs. */
export function sessionTensors(
  posts: ReadonlyMap<string, DatasetPost>,
  s: SessionRecord,
): { history: HistoryTensors; candidates: CandidateTensors } {
  return {
    history: userHistory(posts, s.userId, s.history),
    candidates: featurizeCandidates(
      s.candidates.map(([id, inNetwork, , , counts]) =>
        candidateInput(servedPost(post(posts, id), counts), inNetwork === 1),
      ),
      s.servedAtMs,
    ),
  }
}

/** Post-tower inputs for posts by id (age and flags are unused by the tower; they are filled anyway). */
export function postTensors(posts: ReadonlyMap<string, DatasetPost>, ids: readonly string[], nowMs: number) {
  return featurizeCandidates(
    ids.map((id) => candidateInput(post(posts, id), false)),
    nowMs,
  )
}
