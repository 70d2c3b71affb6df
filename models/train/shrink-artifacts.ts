// `npm run models:shrink -- --in models/artifacts --out DIR`: writes DIR with the five Phoenix graphs'
// embedding tables stored as int8 + per-row scale (shrink-graph.ts), every other file of --in copied as it
// is, and DIR/manifest.json's bytes/sha256 updated for the rewritten graphs. Prints the download size per
// file before/after, raw and gzip-compressed (what a browser fetches from a compressing CDN).
// --out must differ from --in: evaluate the shrunk set first (`npm run models:eval -- --models DIR`).
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { MODEL_FILES } from '../eval/artifacts.ts'
import { shrinkGraph } from './shrink-graph.ts'
import { withArtifact } from './webgpu-safe-graph.ts'

export interface ShrinkRow {
  file: string
  before: number
  after: number
  gzipBefore: number
  gzipAfter: number
  tables: string[]
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

export function shrinkArtifacts(inDir: string, outDir: string, minElements?: number): ShrinkRow[] {
  if (resolve(inDir) === resolve(outDir)) throw new Error('--out must differ from --in')
  mkdirSync(outDir, { recursive: true })
  for (const f of readdirSync(inDir)) {
    if (statSync(join(inDir, f)).isFile() && !(MODEL_FILES as readonly string[]).includes(f))
      copyFileSync(join(inDir, f), join(outDir, f))
  }
  const manifestPath = join(outDir, 'manifest.json')
  let manifest = existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : undefined
  const rows = MODEL_FILES.map((file): ShrinkRow => {
    const before = new Uint8Array(readFileSync(join(inDir, file)))
    const { bytes, tables } = shrinkGraph(before, minElements)
    writeFileSync(join(outDir, file), bytes)
    if (manifest !== undefined) manifest = withArtifact(manifest, file, bytes.length, sha256(bytes))
    return {
      file,
      before: before.length,
      after: bytes.length,
      gzipBefore: gzipSync(before).length,
      gzipAfter: gzipSync(bytes).length,
      tables: tables.map((t) => `${t.name} [${t.dims.join(', ')}]`),
    }
  })
  if (manifest !== undefined) writeFileSync(manifestPath, manifest)
  return rows
}

const mb = (n: number) => (n / 1e6).toFixed(2)

export function sizeTable(rows: readonly ShrinkRow[]): string {
  const total = (k: keyof Omit<ShrinkRow, 'file' | 'tables'>) => rows.reduce((s, r) => s + r[k], 0)
  const line = (name: string, a: number, b: number, ga: number, gb: number) =>
    `| ${name} | ${mb(a)} | ${mb(b)} | ${(a / b).toFixed(2)}× | ${mb(ga)} | ${mb(gb)} |`
  return [
    '| file | MB fp32 | MB int8 tables | ratio | MB gzip fp32 | MB gzip int8 |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => line(r.file, r.before, r.after, r.gzipBefore, r.gzipAfter)),
    line('**all five**', total('before'), total('after'), total('gzipBefore'), total('gzipAfter')),
  ].join('\n')
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({
    options: { in: { type: 'string', default: 'models/artifacts' }, out: { type: 'string' } },
  })
  if (values.out === undefined) throw new Error('--out DIR is required (never the committed artifacts)')
  const rows = shrinkArtifacts(values.in, values.out)
  for (const r of rows) console.log(`${r.file}: int8 ${r.tables.join(', ') || '(nothing to shrink)'}`)
  console.log(
    `\n${sizeTable(rows)}\n\nwrote ${values.out}; evaluate it: npm run models:eval -- --models ${values.out}`,
  )
}
