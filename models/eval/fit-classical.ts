// `npm run models:classical [-- --preset default --seed S --sessions N --out FILE]`: fits the classical
// baseline (shared/eval/classical-baseline.ts) on the first N TRAIN sessions of the world and writes its
// coefficients (a few KB of JSON; the fit is deterministic, so rerunning writes the same file).
// models:eval reads models/artifacts/classical-baseline.json when it matches the evaluated world, and
// otherwise fits the baseline itself first (the same code).
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ClassicalBaseline, fitClassicalBaseline } from '../../shared/eval/classical-baseline.ts'
import {
  CLASSICAL_GENERATOR_VERSION,
  classicalTrainSet,
  trainFingerprint,
} from '../../shared/eval/classical-train-set.ts'
import type { WorldInfo } from '../../shared/eval/eval-data.ts'
import type { World } from '../../shared/world/world-types.ts'
import { ARTIFACTS_DIR } from './artifacts.ts'

export const CLASSICAL_FILE = join(ARTIFACTS_DIR, 'classical-baseline.json')
/**
 * ~140,000 training candidates. Measured on 1,000 eval sessions of the default world: from 2,000 to 8,000
 * train sessions the main heads (favorite, reply, repost, dwell, not_interested) moved by ≤ 0.003 AUC;
 * rare heads (< 1 % positives) by up to ±0.02, mostly the eval's own noise on ~100 positives.
 */
export const CLASSICAL_TRAIN_SESSIONS = 4000

export function fitClassical(
  preset: string,
  seed: number,
  sessions: number,
  world?: World,
  log: (line: string) => void = () => {},
): ClassicalBaseline {
  const started = performance.now()
  const set = classicalTrainSet(preset, seed, sessions, world)
  const drawn = (performance.now() - started) / 1000
  log(`classical baseline: ${sessions} train sessions drawn in ${drawn.toFixed(1)} s; fitting 23 heads…`)
  const model = fitClassicalBaseline(set.posts, set.sessions, {
    generatorVersion: CLASSICAL_GENERATOR_VERSION,
    preset,
    seed,
    trainFingerprint: set.fingerprint,
  })
  log(`classical baseline fitted in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return model
}

/**
 * The stored baseline when it was fitted on this world (version, preset, seed and, when `world` is given,
 * the fingerprint of its first train sessions), else a fresh fit (the world is generated if absent).
 */
export function classicalFor(
  info: WorldInfo,
  world?: World,
  log?: (line: string) => void,
  file = CLASSICAL_FILE,
): ClassicalBaseline {
  if (existsSync(file)) {
    const stored = ClassicalBaseline.parse(JSON.parse(readFileSync(file, 'utf8')))
    const w = stored.world
    const same =
      w.generatorVersion === info.generatorVersion && w.preset === info.preset && w.seed === info.seed
    if (same && (world === undefined || trainFingerprint(world, info.preset) === w.trainFingerprint))
      return stored
    log?.(
      `${file} was fitted on other train sessions (${w.generatorVersion}/${w.preset}/${w.seed}); refitting`,
    )
  }
  return fitClassical(info.preset, info.seed, CLASSICAL_TRAIN_SESSIONS, world, log)
}

const round = (_k: string, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(8)) : v)

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({
    options: {
      preset: { type: 'string', default: 'default' },
      seed: { type: 'string' },
      sessions: { type: 'string', default: String(CLASSICAL_TRAIN_SESSIONS) },
      out: { type: 'string', default: CLASSICAL_FILE },
    },
  })
  const { worldConfig, isPresetName } = await import('../../shared/world/config.ts')
  if (!isPresetName(values.preset)) throw new Error(`unknown preset ${values.preset}`)
  const seed = values.seed === undefined ? worldConfig(values.preset).seed : Number(values.seed)
  const model = fitClassical(values.preset, seed, Number(values.sessions), undefined, console.log)
  writeFileSync(values.out, `${JSON.stringify(model, round, 1)}\n`)
  console.log(`wrote ${values.out}`)
}
