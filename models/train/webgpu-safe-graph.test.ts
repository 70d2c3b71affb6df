// The WebGPU-safe rewrite: on a small graph shaped like the export (int32 inputs cast to int64 before their
// embedding Gathers, one cast also compared with Equal) it drops exactly the index-only Casts and the graph
// still computes the same rows (checked in onnxruntime-web wasm); the committed graphs (ranker_candidates,
// user_tower, post_tower) are already rewritten and manifest.json carries their sha256.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import onnxProto from 'onnx-proto'
import * as ort from 'onnxruntime-web'
import { describe, expect, it } from 'vitest'
import { WEBGPU_SAFE_FILES, webgpuSafeGraph } from './webgpu-safe-graph.ts'

const { onnx } = onnxProto
const { INT32, INT64, FLOAT, BOOL } = onnx.TensorProto.DataType
ort.env.wasm.numThreads = 1

const artifact = (name: string) => readFileSync(new URL(`../artifacts/${name}`, import.meta.url))

/** Table `name` with rows r·[1, 10] + base: row r of table A is [r+100, 10r+100], of B [r+200, 10r+200]. */
function table(name: string, base: number) {
  const values = new Float32Array([0, 1, 2, 3].flatMap((r) => [r + base, 10 * r + base]))
  return onnx.TensorProto.create({ name, dims: [4, 2], dataType: FLOAT, floatData: Array.from(values) })
}

const info = (name: string, elemType: number, dims: number[]) =>
  onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
  })

const node = (opType: string, input: string[], output: string[], to?: number) =>
  onnx.NodeProto.create({
    opType,
    input,
    output,
    name: `${opType}_${output[0]}`,
    attribute: to === undefined ? [] : [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: to }],
  })

/** a, b: int32 [3] → rowsA = A[a], rowsB = B[b] (through Cast→int64), isZero = (int64(a) == 0). */
function exportLikeModel(): Uint8Array {
  const zero = onnx.TensorProto.create({ name: 'zero', dims: [], dataType: INT64, int64Data: [0] })
  const graph = onnx.GraphProto.create({
    name: 'export_like',
    node: [
      node('Cast', ['a'], ['a64'], INT64),
      node('Gather', ['A', 'a64'], ['rowsA']),
      node('Cast', ['b'], ['b64'], INT64),
      node('Gather', ['B', 'b64'], ['rowsB']),
      node('Cast', ['a'], ['a64_cmp'], INT64),
      node('Equal', ['a64_cmp', 'zero'], ['isZero']),
    ],
    initializer: [table('A', 100), table('B', 200), zero],
    input: [info('a', INT32, [3]), info('b', INT32, [3])],
    output: [info('rowsA', FLOAT, [3, 2]), info('rowsB', FLOAT, [3, 2]), info('isZero', BOOL, [3])],
  })
  const model = onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ version: 17 }], graph })
  return onnx.ModelProto.encode(model).finish()
}

async function run(bytes: Uint8Array): Promise<Record<string, number[]>> {
  const session = await ort.InferenceSession.create(bytes)
  const out = await session.run({
    a: new ort.Tensor('int32', Int32Array.from([3, 0, 1]), [3]),
    b: new ort.Tensor('int32', Int32Array.from([2, 2, 0]), [3]),
  })
  await session.release()
  return Object.fromEntries(Object.entries(out).map(([k, t]) => [k, Array.from(t.data as Float32Array)]))
}

describe('webgpuSafeGraph', () => {
  it('drops only the int32→int64 Casts that feed Gather indices, and the rows stay the same', async () => {
    const original = exportLikeModel()
    const { bytes, droppedCasts } = webgpuSafeGraph(original)
    expect(droppedCasts).toEqual(['Cast_a64', 'Cast_b64'])
    const nodes = onnx.ModelProto.decode(bytes).graph?.node ?? []
    expect(nodes.map((n) => n.opType)).toEqual(['Gather', 'Gather', 'Cast', 'Equal'])
    expect(nodes.slice(0, 2).map((n) => n.input?.[1])).toEqual(['a', 'b'])
    const want = {
      rowsA: [103, 130, 100, 100, 101, 110],
      rowsB: [202, 220, 202, 220, 200, 200],
      isZero: [0, 1, 0],
    }
    const before = await run(original)
    const after = await run(bytes)
    for (const got of [before, after]) {
      expect(got.rowsA).toEqual(want.rowsA)
      expect(got.rowsB).toEqual(want.rowsB)
      expect(got.isZero?.map(Number)).toEqual(want.isZero)
    }
    // Two wasm sessions take ~5 s on a loaded 2-core machine: past vitest's default 5 s.
  }, 60_000)

  it('is a no-op on a rewritten graph (same bytes back)', () => {
    const once = webgpuSafeGraph(exportLikeModel()).bytes
    const twice = webgpuSafeGraph(once)
    expect(twice.droppedCasts).toEqual([])
    expect(twice.bytes).toBe(once)
  })

  it.each(WEBGPU_SAFE_FILES)('committed %s is already WebGPU-safe and listed in manifest.json', (file) => {
    const bytes = artifact(file)
    expect(webgpuSafeGraph(bytes).droppedCasts).toEqual([])
    const manifest = JSON.parse(artifact('manifest.json').toString('utf8')) as {
      artifacts: Record<string, { bytes: number; sha256: string }>
    }
    expect(manifest.artifacts[file]).toEqual({
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    })
  })
})
