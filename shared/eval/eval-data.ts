// The eval's inputs as schemas and one EvalData value: the world's export (models/data), the committed
// slice (models/artifacts/eval-slice*) and the model lab's in-memory regeneration (eval-set.ts) all become
// EvalData, so the eval runs the same code on each. Reading files is models/eval/eval-files.ts.
import { z } from 'zod'
import { DISCRETE_ACTIONS } from '../phoenix/actions.ts'
import { MEDIA_TYPES, postSchema } from '../types/post.ts'

const A = DISCRETE_ACTIONS.length

/** One line of posts.jsonl (shared/world/export-lines.ts): the domain post's fields, in the dataset's form. */
export const DatasetPost = postSchema.pick({ id: true, authorId: true, text: true, counts: true }).extend({
  createdAtMs: z.number(),
  media: z.enum(['none', ...MEDIA_TYPES]),
  videoDurationMs: z.number().nullable(),
  replyToId: postSchema.shape.id.nullable(),
  quoteOfId: postSchema.shape.id.nullable(),
  repostOfId: postSchema.shape.id.nullable(),
  subscriberOnly: postSchema.shape.subscriberOnly.optional(),
})
export type DatasetPost = z.infer<typeof DatasetPost>

/** [postId, actionBitmask, dwellSeconds, surface, engagedAtMs] */
export const HistoryRow = z.tuple([z.string(), z.number(), z.number(), z.number(), z.number()])
export type HistoryRow = z.infer<typeof HistoryRow>

/** A candidate's [favorite, reply, repost, quote, view] counts when it was served (shared/world/counts-at.ts). */
export const ServedCounts = z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()])
export type ServedCounts = z.infer<typeof ServedCounts>

export const SessionRecord = z.object({
  userId: z.string(),
  servedAtMs: z.number(),
  history: z.array(HistoryRow),
  /** [postId, inNetwork 0/1, labelBitmask, dwellSeconds, counts at the serve time] */
  candidates: z.array(z.tuple([z.string(), z.number(), z.number(), z.number(), ServedCounts])),
  /** Per candidate: P(head) for the 23 heads, then expected dwell seconds. */
  truth: z.array(z.array(z.number()).length(A + 1)),
})
export type SessionRecord = z.infer<typeof SessionRecord>

export const WorldInfo = z.object({
  generatorVersion: z.string(),
  seed: z.number(),
  preset: z.string(),
  nowMs: z.number(),
  cutoffMs: z.number(),
  /** Per-head positive rate of the training sessions (the popularity baseline's scale). */
  trainPositiveRates: z.record(z.string(), z.number()),
})
export type WorldInfo = z.infer<typeof WorldInfo>

/** One held-out viewer's retrieval task: their history, the corpus's oracle top-100 and their positives. */
export const RetrievalUser = z.object({
  userId: z.string(),
  history: z.array(HistoryRow),
  /** The corpus's top 100 by the retrieval reference (retrieval-reference.ts: true P(favorite) if shown fresh), best first. */
  oracleTop: z.array(z.string()),
  /** Corpus posts this viewer favorited in eval sessions. */
  positives: z.array(z.string()),
  /** Corpus posts excluded for this viewer: their own and those already in their history. */
  excluded: z.array(z.string()),
})
export type RetrievalUser = z.infer<typeof RetrievalUser>

export const RetrievalTask = z.object({ corpus: z.array(z.string()), users: z.array(RetrievalUser) })
export type RetrievalTask = z.infer<typeof RetrievalTask>

export interface EvalData {
  source: string
  world: WorldInfo
  posts: Map<string, DatasetPost>
  sessions: SessionRecord[]
  retrieval: RetrievalTask
}

export function postsById(posts: readonly DatasetPost[]): Map<string, DatasetPost> {
  return new Map(posts.map((p) => [p.id, p]))
}

export const DatasetManifest = z.object({
  generatorVersion: z.string(),
  seed: z.number(),
  preset: z.string(),
  nowMs: z.number(),
  cutoffMs: z.number(),
  split: z.object({ heldOutUserIds: z.array(z.string()) }),
  train: z.object({ positiveRates: z.record(z.string(), z.number()) }),
})
export type DatasetManifest = z.infer<typeof DatasetManifest>

export interface Dataset {
  manifest: DatasetManifest
  posts: Map<string, DatasetPost>
  sessions: SessionRecord[]
}

export const SLICE_FILES = {
  sessions: 'eval-slice.jsonl',
  posts: 'eval-slice-posts.jsonl',
  meta: 'eval-slice-meta.json',
} as const

export const SliceMeta = z.object({ world: WorldInfo, retrieval: RetrievalTask })
