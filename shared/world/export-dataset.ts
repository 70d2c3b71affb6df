// Streams every export file through a sink (the CLI's writes files; tests hash). Pure: no Node APIs.
import type { SplitConfig } from './config.ts'
import { accountLine, followLine, postLine, sessionLine } from './export-lines.ts'
import { buildManifest, SplitStats } from './export-manifest.ts'
import { buildWorldSeed, DEFAULT_SEED_OPTIONS, type SeedOptions } from './export-seed.ts'
import { SessionSampler } from './sessions.ts'
import type { SplitName } from './split.ts'
import type { World } from './world-types.ts'

export const DATASET_FILES = [
  'accounts.jsonl',
  'follows.tsv',
  'posts.jsonl',
  'sessions-train.jsonl',
  'sessions-eval.jsonl',
  'world-seed.json',
  'manifest.json',
] as const
export type DatasetFile = (typeof DATASET_FILES)[number]

export interface DatasetSink {
  write(file: DatasetFile, chunk: string): void
}

export interface DatasetOptions {
  trainSessions: number
  evalSessions: number
  split: SplitConfig
  seed?: SeedOptions
  /** Called between files and every 1,000 sessions. */
  onProgress?: (what: string, done: number, total: number) => void
}

const CHUNK_CHARS = 1 << 20

function* mapLines<T>(items: Iterable<T>, line: (item: T) => string): Generator<string> {
  for (const item of items) yield line(item)
}

/** Joins lines into ~1 MB chunks so the sink sees few, large writes. */
function lineWriter(sink: DatasetSink, file: DatasetFile) {
  let parts: string[] = []
  let size = 0
  const flush = () => {
    if (parts.length > 0) sink.write(file, parts.join(''))
    parts = []
    size = 0
  }
  return {
    line(s: string) {
      parts.push(s, '\n')
      size += s.length + 1
      if (size >= CHUNK_CHARS) flush()
    },
    flush,
  }
}

export function exportDataset(world: World, opts: DatasetOptions, sink: DatasetSink) {
  const progress = opts.onProgress ?? (() => {})
  const sampler = new SessionSampler(world, opts.split)
  const table = (file: DatasetFile, lines: Iterable<string>) => {
    progress(file, 0, 1)
    const w = lineWriter(sink, file)
    for (const l of lines) w.line(l)
    w.flush()
  }
  table(
    'accounts.jsonl',
    mapLines(world.accounts, (a) => accountLine(world, a)),
  )
  table(
    'follows.tsv',
    mapLines(world.follows.pairs(), ([u, v]) => followLine(world, u, v)),
  )
  table(
    'posts.jsonl',
    mapLines(world.posts, (p) => postLine(world, p)),
  )

  const stats = { train: new SplitStats(), eval: new SplitStats() }
  const sessions = (split: SplitName, file: DatasetFile, count: number) => {
    const w = lineWriter(sink, file)
    let done = 0
    progress(file, 0, count)
    for (const s of sampler.sessions(split, count)) {
      stats[split].add(world, sampler.split, s)
      w.line(sessionLine(world, s))
      if (++done % 1000 === 0) progress(file, done, count)
    }
    w.flush()
  }
  sessions('train', 'sessions-train.jsonl', opts.trainSessions)
  sessions('eval', 'sessions-eval.jsonl', opts.evalSessions)

  progress('world-seed.json', 0, 1)
  const seed = buildWorldSeed(world, sampler, opts.seed ?? DEFAULT_SEED_OPTIONS)
  sink.write('world-seed.json', JSON.stringify(seed))
  const manifest = buildManifest({
    world,
    split: sampler.split,
    train: stats.train,
    eval: stats.eval,
    seedCounts: { posts: seed.posts.length, engagements: seed.engagements.length },
    files: DATASET_FILES,
  })
  sink.write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`)
  return manifest
}
