// REPORT.md's "Int8 embedding tables" section, from the evaluated set's files: which tables are stored as
// int8 (manifest.json's int8Tables, written by models/train/round_tables.py), each graph's download size as
// shipped (raw and gzip) and with those tables in fp32 (the same file with 4 bytes per entry instead of 1 +
// a 4-byte scale per row). Empty for a set without int8 tables.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import onnxProto from 'onnx-proto'
import { z } from 'zod'
import { MODEL_FILES } from './artifacts.ts'

const { onnx } = onnxProto
const Manifest = z.object({
  int8Tables: z.object({ scheme: z.string(), tables: z.record(z.string(), z.array(z.number())) }).optional(),
})

const mb = (n: number) => (n / 1e6).toFixed(2)

/** The int8 tables a graph dequantizes (DequantizeLinear outputs) and their fp32 size minus their int8 size. */
function fp32Extra(bytes: Uint8Array): { tables: string[]; extra: number } {
  const graph = onnx.ModelProto.decode(bytes).graph
  const tables = (graph?.node ?? []).filter((n) => n.opType === 'DequantizeLinear').map((n) => n.output![0]!)
  let extra = 0
  for (const name of tables) {
    const q = graph?.initializer?.find((t) => t.name === `${name}.int8`)
    const [rows = 0, cols = 0] = (q?.dims ?? []).map(Number)
    extra += rows * cols * 3 - rows * 4
  }
  return { tables, extra }
}

export function int8TablesMarkdown(dir: string): string {
  const manifest = Manifest.safeParse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')))
  const info = manifest.success ? manifest.data.int8Tables : undefined
  if (info === undefined) return ''
  const rows = MODEL_FILES.map((file) => {
    const bytes = new Uint8Array(readFileSync(join(dir, file)))
    const { tables, extra } = fp32Extra(bytes)
    return { file, tables, raw: bytes.length, gzip: gzipSync(bytes).length, fp32: bytes.length + extra }
  })
  if (rows.every((r) => r.tables.length === 0)) return ''
  const sum = (k: 'raw' | 'gzip' | 'fp32') => rows.reduce((s, r) => s + r[k], 0)
  return [
    '',
    '## Int8 embedding tables',
    '',
    `${Object.entries(info.tables)
      .map(([n, d]) => `\`${n}\` [${d.join(', ')}]`)
      .join(', ')}: ${info.scheme} (\`npm run models:shrink\`).`,
    '',
    '| file | tables stored as int8 | MB with fp32 tables | MB shipped | MB shipped, gzip |',
    '|---|---|---:|---:|---:|',
    ...rows.map(
      (r) => `| ${r.file} | ${r.tables.join(', ')} | ${mb(r.fp32)} | ${mb(r.raw)} | ${mb(r.gzip)} |`,
    ),
    `| **all five** | | ${mb(sum('fp32'))} | ${mb(sum('raw'))} | ${mb(sum('gzip'))} |`,
    '',
  ].join('\n')
}
