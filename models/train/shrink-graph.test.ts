// The int8 table rewrite: per-row quantization on hand-checked rows; on a small Gather graph the rewritten
// model still runs in onnxruntime-web (wasm) and returns exactly q · scale, which is also what the
// TypeScript reference's weight reader returns; tables read by anything but a Gather are left alone; and
// the tool writes the files, copies the rest and refreshes manifest.json without touching --in.
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import onnxProto from 'onnx-proto'
import * as ort from 'onnxruntime-web'
import { afterAll, describe, expect, it } from 'vitest'
import { readOnnxWeights } from '../../shared/phoenix/reference/onnx-weights.ts'
import { MODEL_FILES } from '../eval/artifacts.ts'
import { quantizeRows, shrinkGraph } from './shrink-graph.ts'

const { onnx } = onnxProto
const { INT64, FLOAT, INT8 } = onnx.TensorProto.DataType
ort.env.wasm.numThreads = 1

/** T [4, 3]: rows [254, −100, 4], [0, 0, 0], [−1.27, 0.635, 0], [10, 20, 30]; read by Gather (and MatMul if `mixed`). */
function tableModel(mixed = false): Uint8Array {
  const t = [254, -100, 4, 0, 0, 0, -1.27, 0.635, 0, 10, 20, 30]
  const nodes = [onnx.NodeProto.create({ opType: 'Gather', input: ['T', 'idx'], output: ['rows'] })]
  if (mixed) nodes.push(onnx.NodeProto.create({ opType: 'MatMul', input: ['rows', 'T'], output: ['mm'] }))
  const info = (name: string, elemType: number, dims: number[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
    })
  const graph = onnx.GraphProto.create({
    name: 'table',
    node: nodes,
    initializer: [onnx.TensorProto.create({ name: 'T', dims: [4, 3], dataType: FLOAT, floatData: t })],
    input: [info('idx', INT64, [4])],
    output: [info('rows', FLOAT, [4, 3])],
  })
  const model = onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ version: 17 }], graph })
  return onnx.ModelProto.encode(model).finish()
}

describe('quantizeRows', () => {
  it('scales each row by max|row| / 127 and rounds; an all-zero row gets scale 1', () => {
    const { q, scale } = quantizeRows(Float32Array.from([254, -100, 4, 0, 0, 0]), 2, 3)
    expect([...scale]).toEqual([2, 1])
    expect([...q]).toEqual([127, -50, 2, 0, 0, 0])
  })
})

describe('quantizeRows on a table already on the int8 grid', () => {
  it('is lossless: re-quantizing q · scale gives the same q and scale, bit for bit', () => {
    // What a training export that fake-quantizes its tables produces; then the PyTorch fixture still holds.
    let seed = 12345
    const rand = () => {
      seed = (seed * 1103515245 + 12345) >>> 0
      return seed / 2 ** 32 - 0.5
    }
    const [rows, cols] = [500, 32]
    const first = quantizeRows(
      Float32Array.from({ length: rows * cols }, () => rand() * 0.2),
      rows,
      cols,
    )
    const grid = Float32Array.from(first.q, (q, i) => q * first.scale[Math.floor(i / cols)]!)
    const again = quantizeRows(grid, rows, cols)
    expect(again.scale).toEqual(first.scale)
    expect(again.q).toEqual(first.q)
  })
})

describe('shrinkGraph', () => {
  it('stores the gathered table as int8 + scale; ORT and the reference reader both dequantize to q · scale', async () => {
    const { bytes, tables } = shrinkGraph(tableModel(), 1)
    // Off the grid: 0.635 (→ 64 · s2), 10 and 20 (→ 42 · s3, 85 · s3); the other nine come back exactly.
    expect(tables).toEqual([{ name: 'T', dims: [4, 3], bytesBefore: 48, bytesAfter: 12 + 16, offGrid: 3 }])
    const g = onnx.ModelProto.decode(bytes).graph!
    expect(g.node?.map((n) => n.opType)).toEqual(['DequantizeLinear', 'Gather'])
    expect(g.initializer?.map((t) => [t.name, t.dataType])).toEqual([
      ['T.int8', INT8],
      ['T.scale', FLOAT],
    ])
    // Row 2: max 1.27 → scale fround(0.01); −1.27 / 0.01 = −127, 0.635 / 0.01 = 63.5 → 64.
    const s2 = Math.fround(Math.fround(1.27) / 127)
    const s3 = Math.fround(30 / 127)
    const want = [254, -100, 4, 0, 0, 0, Math.fround(-127 * s2), Math.fround(64 * s2), 0]
    want.push(...[42, 85, 127].map((k) => Math.fround(k * s3)))
    const session = await ort.InferenceSession.create(bytes)
    const out = await session.run({ idx: new ort.Tensor('int64', BigInt64Array.from([0n, 1n, 2n, 3n]), [4]) })
    await session.release()
    expect([...(out.rows!.data as Float32Array)]).toEqual(want)
    expect([...readOnnxWeights(bytes).get('T', [4, 3])]).toEqual(want)
  }, 60_000)

  it('leaves a table that a non-Gather node reads, and a second run changes nothing', () => {
    const mixed = tableModel(true)
    expect(shrinkGraph(mixed, 1)).toEqual({ bytes: mixed, tables: [] })
    const once = shrinkGraph(tableModel(), 1).bytes
    expect(shrinkGraph(once, 1).bytes).toBe(once)
  })
})

describe('shrinkArtifacts', () => {
  const dirs: string[] = []
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })

  it('writes the shrunk graphs to --out, copies the rest and updates the manifest there only', async () => {
    const { shrinkArtifacts } = await import('./shrink-artifacts.ts')
    const [inDir, outDir] = [
      mkdtempSync(join(tmpdir(), 'shrink-in-')),
      mkdtempSync(join(tmpdir(), 'shrink-out-')),
    ]
    dirs.push(inDir, outDir)
    const model = tableModel()
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')
    const entry = (b: Uint8Array) => `{ "bytes": ${b.length}, "sha256": "${sha(b)}" }`
    for (const f of MODEL_FILES) writeFileSync(join(inDir, f), model)
    const manifest = `{ "artifacts": { ${MODEL_FILES.map((f) => `"${f}": ${entry(model)}`).join(', ')} } }`
    writeFileSync(join(inDir, 'manifest.json'), manifest)
    writeFileSync(join(inDir, 'REPORT.md'), 'report')
    // The tiny table is under the default threshold: every graph comes back byte for byte.
    const rows = shrinkArtifacts(inDir, outDir)
    expect(rows.map((r) => r.after)).toEqual(MODEL_FILES.map(() => model.length))
    expect(readFileSync(join(outDir, 'REPORT.md'), 'utf8')).toBe('report')
    expect(readFileSync(join(outDir, 'manifest.json'), 'utf8')).toBe(manifest)
    expect(() => shrinkArtifacts(inDir, inDir)).toThrow(/--out must differ/)
    // With a threshold the table meets, each graph is rewritten and the manifest in --out follows it.
    shrinkArtifacts(inDir, outDir, 1)
    const shrunk = new Uint8Array(readFileSync(join(outDir, 'ranker.onnx')))
    expect(onnx.ModelProto.decode(shrunk).graph?.node?.[0]?.opType).toBe('DequantizeLinear')
    const after = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'))
    expect(after.artifacts['post_tower.onnx']).toEqual({ bytes: shrunk.length, sha256: sha(shrunk) })
    expect(readFileSync(join(inDir, 'manifest.json'), 'utf8')).toBe(manifest)
  })
})
