// `npm run models:world [-- --out models/data --seed N --preset default|small --train N --eval N]`
// Generates the world (shared/world, platform-free) and writes the datasets, the edge seed and the manifest
// to disk: the world's only Node-side part.
import { closeSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_SEED, isPresetName, PRESETS, worldConfig } from '../../shared/world/config.ts'
import { DATASET_FILES, type DatasetFile, exportDataset } from '../../shared/world/export-dataset.ts'
import { DEFAULT_SEED_OPTIONS } from '../../shared/world/export-seed.ts'
import { generateWorld } from '../../shared/world/world.ts'

function intFlag(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${value}`)
  return n
}

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'models/data' },
      seed: { type: 'string' },
      preset: { type: 'string', default: 'default' },
      train: { type: 'string' },
      eval: { type: 'string' },
      'seed-engagements': { type: 'string' },
    },
  })
  const preset = values.preset
  if (!isPresetName(preset))
    throw new Error(`unknown preset ${preset}; use ${Object.keys(PRESETS).join(' or ')}`)
  const seed = intFlag(values.seed, 'seed', DEFAULT_SEED)
  const out = resolve(values.out)
  mkdirSync(out, { recursive: true })

  const started = performance.now()
  const world = generateWorld(worldConfig(preset, seed))
  const worldMs = performance.now() - started
  console.log(
    `world: ${world.accounts.length} accounts, ${world.posts.length} posts in ${worldMs.toFixed(0)} ms`,
  )

  const fds = new Map<DatasetFile, number>()
  const sink = {
    write(file: DatasetFile, chunk: string) {
      let fd = fds.get(file)
      if (fd === undefined) {
        fd = openSync(join(out, file), 'w')
        fds.set(file, fd)
      }
      writeSync(fd, chunk)
    },
  }
  const manifest = exportDataset(
    world,
    {
      trainSessions: intFlag(values.train, 'train', PRESETS[preset].sessions.train),
      evalSessions: intFlag(values.eval, 'eval', PRESETS[preset].sessions.eval),
      split: PRESETS[preset].split,
      seed: {
        ...DEFAULT_SEED_OPTIONS,
        engagementsPerUser: intFlag(values['seed-engagements'], 'seed-engagements', 12),
      },
      onProgress: (what, done, total) => {
        if (done === 0 || done % 10_000 === 0) console.log(`  ${what} ${done ? `${done}/${total}` : ''}`)
      },
    },
    sink,
  )
  for (const fd of fds.values()) closeSync(fd)

  for (const file of DATASET_FILES) {
    const bytes = statSync(join(out, file)).size
    console.log(`  ${file.padEnd(22)} ${(bytes / 1e6).toFixed(1).padStart(7)} MB`)
  }
  const rate = (r: Record<string, number>, a: string) => `${((r[a] ?? 0) * 100).toFixed(2)}%`
  for (const split of ['train', 'eval'] as const) {
    const s = manifest[split]
    console.log(
      `${split}: ${s.sessions} sessions, ${s.candidates} candidates; favorite ${rate(s.positiveRates, 'favorite')}, ` +
        `dwell ${rate(s.positiveRates, 'dwell')}, block ${rate(s.positiveRates, 'block_author')}`,
    )
  }
  console.log(`wrote ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

main()
