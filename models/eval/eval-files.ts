// Reads the eval's inputs from disk: the world CLI's export (models/data) or the committed slice
// (models/artifacts/eval-slice*), parsed through the schemas in shared/eval/eval-data.ts.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { z } from 'zod'
import {
  type Dataset,
  DatasetManifest,
  DatasetPost,
  type EvalData,
  postsById,
  SessionRecord,
  SLICE_FILES,
  SliceMeta,
  type WorldInfo,
} from '../../shared/eval/eval-data.ts'

export function readJsonl<T>(file: string, schema: z.ZodType<T>, limit = Number.POSITIVE_INFINITY): T[] {
  const out: T[] = []
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (out.length >= limit) break
    if (line.trim() !== '') out.push(schema.parse(JSON.parse(line)))
  }
  return out
}

/** The world CLI's export in `dir` (eval sessions only, the first `limit` of them). */
export function readDataset(dir: string, limit?: number): Dataset {
  const need = ['manifest.json', 'posts.jsonl', 'sessions-eval.jsonl'].map((f) => join(dir, f))
  const missing = need.filter((f) => !existsSync(f))
  if (missing.length > 0) {
    throw new Error(
      `missing ${missing.join(', ')}: generate the world (npm run models:world), evaluate --slice or --regenerate`,
    )
  }
  return {
    manifest: DatasetManifest.parse(JSON.parse(readFileSync(need[0]!, 'utf8'))),
    posts: postsById(readJsonl(need[1]!, DatasetPost)),
    sessions: readJsonl(need[2]!, SessionRecord, limit),
  }
}

/** The world the committed slice in `dir` came from, with its training base rates (what the lab loads). */
export function readSliceWorld(dir: string): WorldInfo {
  return SliceMeta.parse(JSON.parse(readFileSync(join(dir, SLICE_FILES.meta), 'utf8'))).world
}

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
