// The classical baseline's training data: the first N sessions of the world's TRAIN split (the sessions the
// ranker trains on: session i depends only on seed, split and i, so these equal the first N lines of
// sessions-train.jsonl), through the same export line and schema as the eval's sessions, and every post.
import { fnv1a32 } from '../util/fnv1a.ts'
import { isPresetName, PRESETS, GENERATOR_VERSION as VERSION, worldConfig } from '../world/config.ts'
import { postLine, sessionLine } from '../world/export-lines.ts'
import { SessionSampler } from '../world/sessions.ts'
import { generateWorld } from '../world/world.ts'
import type { World } from '../world/world-types.ts'
import { DatasetPost, SessionRecord } from './eval-data.ts'

/** Training lines carry no truth; the baseline never reads it. */
const TrainSessionRecord = SessionRecord.omit({ truth: true })

export interface ClassicalTrainSet {
  world: World
  posts: Map<string, DatasetPost>
  sessions: SessionRecord[]
  fingerprint: string
}

/** Sessions hashed into the fingerprint: enough to notice any change to the world or the session lines. */
const FINGERPRINT_SESSIONS = 3
const fingerprintOf = (lines: readonly string[]) => fnv1a32(lines.join('\n')).toString(16).padStart(8, '0')

/** FNV-1a of the first train session lines: stored coefficients are reused only while it is unchanged. */
export function trainFingerprint(world: World, preset: string): string {
  if (!isPresetName(preset)) throw new Error(`unknown world preset ${preset}`)
  const sampler = new SessionSampler(world, PRESETS[preset].split)
  const lines = Array.from({ length: FINGERPRINT_SESSIONS }, (_, i) =>
    sessionLine(world, sampler.session('train', i)),
  )
  return fingerprintOf(lines)
}

export function classicalTrainSet(
  preset: string,
  seed: number,
  sessions: number,
  world?: World,
  progress?: (done: number) => void,
): ClassicalTrainSet {
  if (!isPresetName(preset)) throw new Error(`unknown world preset ${preset}`)
  const w = world ?? generateWorld(worldConfig(preset, seed))
  if (w.config.seed !== seed) throw new Error(`world seed ${w.config.seed} is not ${seed}`)
  const sampler = new SessionSampler(w, PRESETS[preset].split)
  const posts = new Map(w.posts.map((p) => [p.id, DatasetPost.parse(JSON.parse(postLine(w, p)))]))
  const out: SessionRecord[] = []
  const first: string[] = []
  for (let i = 0; i < sessions; i++) {
    const text = sessionLine(w, sampler.session('train', i))
    if (i < FINGERPRINT_SESSIONS) first.push(text)
    out.push({ ...TrainSessionRecord.parse(JSON.parse(text)), truth: [] })
    progress?.(i + 1)
  }
  const fingerprint =
    first.length === FINGERPRINT_SESSIONS ? fingerprintOf(first) : trainFingerprint(w, preset)
  return { world: w, posts, sessions: out, fingerprint }
}

export const CLASSICAL_GENERATOR_VERSION = VERSION
