// The committed eval slice (models/artifacts/eval-slice*): the first eval sessions, the posts they and the
// retrieval task reference (without the world's hidden `truth` fields), and a retrieval task on a sampled
// corpus with its oracle top 100 precomputed — so `npm test` runs the whole eval without models/data.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  type Dataset,
  DatasetPost,
  type EvalData,
  SLICE_FILES,
  type WorldInfo,
} from '../../shared/eval/eval-data.ts'
import { sampleCorpus } from '../../shared/eval/eval-set.ts'
import { buildRetrievalTask, evalCorpus } from '../../shared/eval/retrieval-task.ts'
import type { World } from '../../shared/world/world-types.ts'

export interface SliceOptions {
  sessions: number
  retrievalUsers: number
  corpus: number
}

export const DEFAULT_SLICE: SliceOptions = { sessions: 200, retrievalUsers: 24, corpus: 1200 }

export function worldInfo(ds: Dataset): WorldInfo {
  const m = ds.manifest
  return {
    generatorVersion: m.generatorVersion,
    seed: m.seed,
    preset: m.preset,
    nowMs: m.nowMs,
    cutoffMs: m.cutoffMs,
    trainPositiveRates: m.train.positiveRates,
  }
}

/** Builds the slice's EvalData from the full dataset and writes it to `dir`. */
export function writeSlice(
  dir: string,
  ds: Dataset,
  world: World,
  opts: SliceOptions = DEFAULT_SLICE,
): EvalData {
  const sessions = ds.sessions.slice(0, opts.sessions)
  const retrieval = buildRetrievalTask(world, ds, {
    corpus: sampleCorpus(evalCorpus(ds), opts.corpus),
    maxUsers: opts.retrievalUsers,
  })
  const ids = new Set<string>(retrieval.corpus)
  for (const s of sessions) {
    for (const h of s.history) ids.add(h[0])
    for (const c of s.candidates) ids.add(c[0])
  }
  for (const u of retrieval.users) for (const h of u.history) ids.add(h[0])
  // Parsing through the schema drops every field the eval does not read (the world's `truth` included).
  const posts = [...ids].sort().map((id) => DatasetPost.parse(ds.posts.get(id)))
  const world_ = worldInfo(ds)
  writeFileSync(join(dir, SLICE_FILES.sessions), `${sessions.map((s) => JSON.stringify(s)).join('\n')}\n`)
  writeFileSync(join(dir, SLICE_FILES.posts), `${posts.map((p) => JSON.stringify(p)).join('\n')}\n`)
  writeFileSync(join(dir, SLICE_FILES.meta), `${JSON.stringify({ world: world_, retrieval })}\n`)
  return {
    source: `slice (${join(dir, SLICE_FILES.sessions)})`,
    world: world_,
    posts: new Map(posts.map((p) => [p.id, p])),
    sessions,
    retrieval,
  }
}
