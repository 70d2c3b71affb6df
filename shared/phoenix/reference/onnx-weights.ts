// Reads named float32 initializers out of ONNX model bytes, so the TypeScript reference runs on exactly the
// weights the exported graph carries. Isomorphic: the caller passes the bytes (fetch, fs, IndexedDB).
// onnx-proto is CommonJS; its namespace lives on the default export.
import onnxProto, { type onnx as OnnxTypes } from 'onnx-proto'

const { onnx } = onnxProto
const FLOAT = onnx.TensorProto.DataType.FLOAT

/** A float32 tensor, row-major. */
export interface WeightTensor {
  readonly dims: readonly number[]
  readonly data: Float32Array
}

/** A weight looked up by name, with its shape checked. */
export class WeightMap {
  constructor(readonly tensors: ReadonlyMap<string, WeightTensor>) {}

  has(name: string): boolean {
    return this.tensors.has(name)
  }

  /** The tensor called `name`; throws when it is missing or its shape is not `dims` (−1 = any size). */
  get(name: string, dims: readonly number[]): Float32Array {
    const t = this.tensors.get(name)
    if (t === undefined) throw new Error(`ONNX initializer ${JSON.stringify(name)} is missing`)
    const ok = t.dims.length === dims.length && dims.every((d, i) => d < 0 || d === t.dims[i])
    if (!ok) throw new Error(`ONNX initializer ${name} has shape [${t.dims}], expected [${dims}]`)
    return t.data
  }

  /** The size of dimension `axis` of `name`. */
  dim(name: string, axis: number): number {
    const d = this.tensors.get(name)?.dims[axis]
    if (d === undefined) throw new Error(`ONNX initializer ${name} has no dimension ${axis}`)
    return d
  }
}

function floatsOf(t: OnnxTypes.ITensorProto, count: number): Float32Array {
  if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
    throw new Error(`ONNX initializer ${t.name} keeps its data in an external file; export it inline`)
  }
  const out = new Float32Array(count)
  const raw = t.rawData
  if (raw !== null && raw !== undefined && raw.length > 0) {
    if (raw.length !== count * 4) throw new Error(`ONNX initializer ${t.name}: ${raw.length} raw bytes`)
    // raw_data is little-endian by spec and may be unaligned inside the model buffer: read through a view.
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true)
    return out
  }
  const floats = t.floatData ?? []
  if (floats.length !== count) throw new Error(`ONNX initializer ${t.name}: ${floats.length} floats`)
  out.set(floats)
  return out
}

function add(into: Map<string, WeightTensor>, t: OnnxTypes.ITensorProto, name: string): void {
  if (t.dataType !== FLOAT) return
  const dims = (t.dims ?? []).map((d) => Number(d))
  into.set(name, {
    dims,
    data: floatsOf(
      t,
      dims.reduce((a, b) => a * b, 1),
    ),
  })
}

/** Every float32 initializer (and float32 `Constant` node value) of the model's main graph, by name. */
export function readOnnxWeights(bytes: Uint8Array): WeightMap {
  const model = onnx.ModelProto.decode(bytes)
  const graph = model.graph
  if (graph === null || graph === undefined) throw new Error('ONNX model has no graph')
  const tensors = new Map<string, WeightTensor>()
  for (const node of graph.node ?? []) {
    const value = node.opType === 'Constant' ? node.attribute?.find((a) => a.name === 'value')?.t : undefined
    const output = node.output?.[0]
    if (value !== null && value !== undefined && output !== undefined) add(tensors, value, output)
  }
  for (const t of graph.initializer ?? []) if (t.name) add(tensors, t, t.name)
  return new WeightMap(tensors)
}
