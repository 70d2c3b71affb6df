// `npm run models:shrink -- [--in models/artifacts] --out DIR`: ships a model set with the five Phoenix graphs'
// big embedding tables stored as int8 + per-row scale, in three steps:
//   1. models/train/round_tables.py rounds those tables to the int8 grid in PyTorch and re-exports the fp32
//      graphs, fixture.json (the PyTorch parity fixture, now of the rounded model) and manifest.json;
//   2. makeWebgpuSafe (what models:train does after every export);
//   3. shrinkArtifacts stores the (already on-grid) tables as int8 (shrink-graph.ts): lossless, checked
//      entry by entry, so ONNX still matches the PyTorch fixture at the parity tests' tolerance.
// DIR may be --in (models:train ships its own output this way). Prints the download size per file before
// (--in) and after, raw and gzip-compressed (what a browser fetches from a compressing CDN).
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { MODEL_FILES } from '../eval/artifacts.ts'
import { shrinkGraph } from './shrink-graph.ts'
import { makeWebgpuSafe, withArtifact } from './webgpu-safe-graph.ts'

const PYTHON = '/usr/bin/python3'
const ROUND_TABLES = resolve(import.meta.dirname, 'round_tables.py')

export interface ShrinkRow {
  file: string
  before: number
  after: number
  gzipBefore: number
  gzipAfter: number
  tables: string[]
  /** Table entries the int8 storage changed (0 when the tables were rounded first). */
  offGrid: number
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

export function shrinkArtifacts(inDir: string, outDir: string, minElements?: number): ShrinkRow[] {
  if (resolve(inDir) === resolve(outDir)) throw new Error('--out must differ from --in')
  mkdirSync(outDir, { recursive: true })
  for (const f of readdirSync(inDir)) {
    if ((MODEL_FILES as readonly string[]).includes(f)) continue
    if (statSync(join(inDir, f)).isDirectory()) cpSync(join(inDir, f), join(outDir, f), { recursive: true })
    else copyFileSync(join(inDir, f), join(outDir, f))
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
      offGrid: tables.reduce((n, t) => n + t.offGrid, 0),
    }
  })
  if (manifest !== undefined) writeFileSync(manifestPath, manifest)
  return rows
}

/** Steps 1–3 above, staged in a temporary folder; `outDir` gets the result only when every step passed. */
export function shipInt8Artifacts(inDir: string, outDir: string): ShrinkRow[] {
  const stage = mkdtempSync(join(tmpdir(), 'fye-int8-'))
  try {
    const [rounded, shrunk] = [join(stage, 'rounded-fp32'), join(stage, 'int8')]
    console.log(`== round the tables in PyTorch and re-export: ${PYTHON} ${ROUND_TABLES}`)
    const py = spawnSync(PYTHON, [ROUND_TABLES, '--in', inDir, '--out', rounded], {
      stdio: 'inherit',
      env: { ...process.env, PYTHONUNBUFFERED: '1' },
    })
    if (py.status !== 0) throw new Error(`round_tables.py exited with ${py.signal ?? py.status}`)
    console.log('== WebGPU-safe graphs')
    makeWebgpuSafe(rounded)
    console.log('== int8 table storage')
    const rows = shrinkArtifacts(rounded, shrunk)
    const off = rows.filter((r) => r.offGrid > 0)
    if (off.length > 0)
      throw new Error(`int8 storage is lossy in ${off.map((r) => `${r.file} (${r.offGrid})`).join(', ')}`)
    if (rows.some((r) => r.tables.length === 0)) throw new Error('a graph has no table to store as int8')
    // "Before" is what --in holds (the fp32 export when models:train calls this), not the rounded re-export.
    for (const r of rows) {
      const before = readFileSync(join(inDir, r.file))
      r.before = before.length
      r.gzipBefore = gzipSync(before).length
    }
    mkdirSync(outDir, { recursive: true })
    cpSync(shrunk, outDir, { recursive: true })
    return rows
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
}

const mb = (n: number) => (n / 1e6).toFixed(2)

export function sizeTable(rows: readonly ShrinkRow[]): string {
  const total = (k: keyof Omit<ShrinkRow, 'file' | 'tables'>) => rows.reduce((s, r) => s + r[k], 0)
  const line = (name: string, a: number, b: number, ga: number, gb: number) =>
    `| ${name} | ${mb(a)} | ${mb(b)} | ${(a / b).toFixed(2)}× | ${mb(ga)} | ${mb(gb)} |`
  return [
    '| file | MB before | MB after | ratio | MB gzip before | MB gzip after |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => line(r.file, r.before, r.after, r.gzipBefore, r.gzipAfter)),
    line('**all five**', total('before'), total('after'), total('gzipBefore'), total('gzipAfter')),
  ].join('\n')
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({
    options: { in: { type: 'string', default: 'models/artifacts' }, out: { type: 'string' } },
  })
  if (values.out === undefined) throw new Error('--out DIR is required (it may be --in: replaced in place)')
  const rows = shipInt8Artifacts(values.in, values.out)
  for (const r of rows) console.log(`${r.file}: int8 ${r.tables.join(', ')}, lossless`)
  console.log(`\n${sizeTable(rows)}\n\nwrote ${values.out} (before: --in ${values.in})`)
}
