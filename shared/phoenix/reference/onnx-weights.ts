// Reads named float32 initializers out of ONNX model bytes, so the TypeScript reference runs on exactly the
// weights the exported graph carries. Isomorphic: the caller passes the bytes (fetch, fs, IndexedDB).
// Tables stored as int8 (models/train/shrink-graph.ts) are dequantized as ORT's DequantizeLinear does:
// (q − zero point) · scale in float32, per axis, under the DequantizeLinear node's output name.
// onnx-proto is CommonJS; its namespace lives on the default export.
import onnxProto, { type onnx as OnnxTypes } from 'onnx-proto'

const { onnx } = onnxProto
const { FLOAT, INT8 } = onnx.TensorProto.DataType

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

function int8Of(t: OnnxTypes.ITensorProto, count: number): Int8Array {
  const raw = t.rawData
  if (raw !== null && raw !== undefined && raw.length > 0) {
    if (raw.length !== count) throw new Error(`ONNX initializer ${t.name}: ${raw.length} raw bytes`)
    return new Int8Array(raw.buffer, raw.byteOffset, count).slice()
  }
  const ints = t.int32Data ?? [] // the spec keeps non-raw int8 data in int32_data
  if (ints.length !== count) throw new Error(`ONNX initializer ${t.name}: ${ints.length} int8 values`)
  return Int8Array.from(ints)
}

/** The float32 tensor a DequantizeLinear node makes of an int8 initializer (per-tensor or per-axis). */
function dequantized(
  node: OnnxTypes.INodeProto,
  ints: ReadonlyMap<string, OnnxTypes.ITensorProto>,
  floats: ReadonlyMap<string, WeightTensor>,
): WeightTensor | undefined {
  const [qName, scaleName, zeroName] = node.input ?? []
  const q = ints.get(qName ?? '')
  const scale = floats.get(scaleName ?? '')
  if (q === undefined || scale === undefined) return undefined
  const dims = (q.dims ?? []).map((d) => Number(d))
  const count = dims.reduce((a, b) => a * b, 1)
  const values = int8Of(q, count)
  const zero = zeroName ? ints.get(zeroName) : undefined
  const zeros =
    zero === undefined ? undefined : int8Of(zero, zero.dims?.reduce((a, b) => a * Number(b), 1) ?? 1)
  const perTensor = scale.data.length === 1
  const attrAxis = Number(node.attribute?.find((a) => a.name === 'axis')?.i ?? 1)
  const axis = attrAxis < 0 ? attrAxis + dims.length : attrAxis
  if (!perTensor && scale.data.length !== dims[axis])
    throw new Error(
      `DequantizeLinear ${node.name}: ${scale.data.length} scales for axis ${axis} of [${dims}]`,
    )
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1)
  const size = dims[axis] ?? 1
  const data = new Float32Array(count)
  for (let i = 0; i < count; i++) {
    const k = perTensor ? 0 : Math.floor(i / inner) % size
    data[i] = (values[i]! - (zeros?.[k] ?? 0)) * scale.data[k]!
  }
  return { dims, data }
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
  const ints = new Map<string, OnnxTypes.ITensorProto>()
  for (const t of graph.initializer ?? []) {
    if (t.name) add(tensors, t, t.name)
    if (t.name && t.dataType === INT8) ints.set(t.name, t)
  }
  for (const node of graph.node ?? []) {
    const output = node.output?.[0]
    if (node.opType !== 'DequantizeLinear' || output === undefined) continue
    const t = dequantized(node, ints, tensors)
    if (t !== undefined) tensors.set(output, t)
  }
  return new WeightMap(tensors)
}
