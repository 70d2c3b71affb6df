// Where the Phoenix ONNX files live and which set a check runs on. The trained set (models/artifacts/*.onnx,
// with manifest.json) is what ships; the random-init development set (models/artifacts/dev/) stays as a
// parity target that exercises every parameter with non-trivial values.
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url))

export const MODEL_FILES = [
  'ranker.onnx',
  'ranker_history.onnx',
  'ranker_candidates.onnx',
  'user_tower.onnx',
  'post_tower.onnx',
] as const
export type ModelFile = (typeof MODEL_FILES)[number]

export interface ModelSet {
  kind: 'trained' | 'dev'
  dir: string
}

const SETS: readonly ModelSet[] = [
  { kind: 'trained', dir: ARTIFACTS_DIR },
  { kind: 'dev', dir: join(ARTIFACTS_DIR, 'dev') },
]

/** The model sets with at least one file; throws when a set is incomplete (a half-written export). */
export function presentModelSets(): ModelSet[] {
  return SETS.filter((set) => {
    const missing = MODEL_FILES.filter((f) => !existsSync(join(set.dir, f)))
    if (missing.length === MODEL_FILES.length) return false
    if (missing.length > 0)
      throw new Error(`${set.dir} is an incomplete Phoenix export: ${missing.join(', ')} missing`)
    return true
  })
}

/** The trained set when it exists, else the dev set; throws with what to run when neither does. */
export function shippedModelSet(): ModelSet {
  const set = presentModelSets()[0]
  if (set === undefined) {
    throw new Error(
      `no Phoenix ONNX files in ${ARTIFACTS_DIR} or its dev/ folder: export them with models/train (export_onnx.py)`,
    )
  }
  return set
}

/** A model set in any folder (a candidate export under evaluation); throws unless all five files are there. */
export function modelSetAt(dir: string): ModelSet {
  const missing = MODEL_FILES.filter((f) => !existsSync(join(dir, f)))
  if (missing.length > 0) throw new Error(`${dir} lacks ${missing.join(', ')}`)
  return { kind: 'trained', dir }
}

export function readModel(set: ModelSet, file: ModelFile): Uint8Array {
  return new Uint8Array(readFileSync(join(set.dir, file)))
}

export function describeSet(set: ModelSet): string {
  const where = relative(join(ARTIFACTS_DIR, '..', '..'), set.dir).replace(/\/$/, '') || set.dir
  return `${set.kind} (${where.startsWith('..') ? set.dir : where})`
}
