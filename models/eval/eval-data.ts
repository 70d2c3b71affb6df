// The eval's inputs, parsed through schemas: the world's export (models/data: posts.jsonl,
// sessions-eval.jsonl, manifest.json) or the small committed slice (models/artifacts/eval-slice*). Both
// become one EvalData value, so the eval runs the same code on either.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { DISCRETE_ACTIONS } from '../../shared/phoenix/actions.ts'
import { MEDIA_TYPES, postSchema } from '../../shared/types/post.ts'

const A = DISCRETE_ACTIONS.length

/** One line of posts.jsonl (models/world/export-lines.ts): the domain post's fields, in the dataset's form. */
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

export const SessionRecord = z.object({
  userId: z.string(),
  servedAtMs: z.number(),
  history: z.array(HistoryRow),
  /** [postId, inNetwork 0/1, labelBitmask, dwellSeconds] */
  candidates: z.array(z.tuple([z.string(), z.number(), z.number(), z.number()])),
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
  /** The corpus's top 100 by the world's true affinity (oracleAffinity), best first. */
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

export function readJsonl<T>(file: string, schema: z.ZodType<T>, limit = Number.POSITIVE_INFINITY): T[] {
  const out: T[] = []
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (out.length >= limit) break
    if (line.trim() !== '') out.push(schema.parse(JSON.parse(line)))
  }
  return out
}

export function postsById(posts: readonly DatasetPost[]): Map<string, DatasetPost> {
  return new Map(posts.map((p) => [p.id, p]))
}

const Manifest = z.object({
  generatorVersion: z.string(),
  seed: z.number(),
  preset: z.string(),
  nowMs: z.number(),
  cutoffMs: z.number(),
  split: z.object({ heldOutUserIds: z.array(z.string()) }),
  train: z.object({ positiveRates: z.record(z.string(), z.number()) }),
})
export type DatasetManifest = z.infer<typeof Manifest>

export interface Dataset {
  manifest: DatasetManifest
  posts: Map<string, DatasetPost>
  sessions: SessionRecord[]
}

/** The world CLI's export in `dir` (eval sessions only, the first `limit` of them). */
export function readDataset(dir: string, limit?: number): Dataset {
  const need = ['manifest.json', 'posts.jsonl', 'sessions-eval.jsonl'].map((f) => join(dir, f))
  const missing = need.filter((f) => !existsSync(f))
  if (missing.length > 0) {
    throw new Error(
      `missing ${missing.join(', ')}: generate the world (npm run models:world) or evaluate --slice`,
    )
  }
  return {
    manifest: Manifest.parse(JSON.parse(readFileSync(need[0]!, 'utf8'))),
    posts: postsById(readJsonl(need[1]!, DatasetPost)),
    sessions: readJsonl(need[2]!, SessionRecord, limit),
  }
}

export const SLICE_FILES = {
  sessions: 'eval-slice.jsonl',
  posts: 'eval-slice-posts.jsonl',
  meta: 'eval-slice-meta.json',
} as const

const SliceMeta = z.object({ world: WorldInfo, retrieval: RetrievalTask })

/** The committed slice in `dir` (models/artifacts). */
export function readSlice(dir: string): EvalData {
  const meta = SliceMeta.parse(JSON.parse(readFileSync(join(dir, SLICE_FILES.meta), 'utf8')))
  return {
    source: `slice (${join(dir, SLICE_FILES.sessions)})`,
    world: meta.world,
    posts: postsById(readJsonl(join(dir, SLICE_FILES.posts), DatasetPost)),
    sessions: readJsonl(join(dir, SLICE_FILES.sessions), SessionRecord),
    retrieval: meta.retrieval,
  }
}
