// Stores a Phoenix graph's big embedding tables as int8 with one float32 scale per row, dequantized in the
// graph by DequantizeLinear (per-axis, axis 0) into a tensor of the table's old name, so every Gather that
// read the float table reads the same-shaped dequantized one and nothing else in the graph changes.
//
// Why int8 per row: the hash table [45057, 32] and the text table [4096, 128] are ~75 % of each file's
// bytes. A symmetric per-row scale (max |row| / 127) keeps each row's relative error ≤ 1/254 of its largest
// entry; a per-tensor scale would crush small rows. DequantizeLinear is a standard op (opset ≥ 13 per-axis)
// that the wasm EP and the WebGPU EP both implement, so no custom kernel is needed.
//
// The TypeScript reference (shared/phoenix/reference/onnx-weights.ts) reads the int8 initializer and scale
// and computes q · scale in float32 exactly as ORT's DequantizeLinear does, so parity holds bit for bit
// on the tables.
import onnxProto from 'onnx-proto'

const { onnx } = onnxProto
const { FLOAT, INT8 } = onnx.TensorProto.DataType

/** Tables with at least this many elements are quantized (the two hash/text tables; no MatMul weights). */
export const SHRINK_MIN_ELEMENTS = 200_000
export const QUANT_SUFFIX = '.int8'
export const SCALE_SUFFIX = '.scale'

export interface ShrunkTable {
  name: string
  dims: number[]
  bytesBefore: number
  bytesAfter: number
  /** Entries whose dequantized value differs from the float input (0: the table was on the int8 grid). */
  offGrid: number
}

/** How many entries of `values` the int8 storage does not reproduce bit for bit (ORT: float32(q) · scale). */
export function countOffGrid(values: Float32Array, q: Int8Array, scale: Float32Array, cols: number): number {
  let off = 0
  for (let i = 0; i < values.length; i++) {
    if (Math.fround(q[i]! * scale[Math.floor(i / cols)]!) !== values[i]) off++
  }
  return off
}

function floatValues(t: onnxProto.onnx.ITensorProto, count: number): Float32Array {
  const raw = t.rawData
  if (raw && raw.length > 0) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
    return Float32Array.from({ length: count }, (_, i) => view.getFloat32(i * 4, true))
  }
  return Float32Array.from(t.floatData ?? [])
}

/** Symmetric per-row int8: scale = max|row| / 127 (1 for an all-zero row), q = round(x / scale). */
export function quantizeRows(
  values: Float32Array,
  rows: number,
  cols: number,
): { q: Int8Array; scale: Float32Array } {
  const q = new Int8Array(rows * cols)
  const scale = new Float32Array(rows)
  for (let r = 0; r < rows; r++) {
    let max = 0
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(values[r * cols + c]!))
    const s = Math.fround(max > 0 ? max / 127 : 1)
    scale[r] = s
    for (let c = 0; c < cols; c++) {
      q[r * cols + c] = Math.max(-127, Math.min(127, Math.round(values[r * cols + c]! / s)))
    }
  }
  return { q, scale }
}

function littleEndianFloats(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4)
  const view = new DataView(out.buffer)
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true)
  return out
}

/**
 * The model with every 2-D float initializer of ≥ `minElements` that only Gathers read (as their data input)
 * stored as int8 + per-row scale. Returns the input bytes unchanged when nothing qualifies (rerun is a no-op).
 */
export function shrinkGraph(
  bytes: Uint8Array,
  minElements = SHRINK_MIN_ELEMENTS,
): { bytes: Uint8Array; tables: ShrunkTable[] } {
  const model = onnx.ModelProto.decode(bytes)
  const graph = model.graph
  if (!graph) throw new Error('ONNX model has no graph')
  const opset = model.opsetImport?.find((o) => !o.domain)?.version
  if (opset === undefined || opset === null || Number(opset) < 13)
    throw new Error(`per-axis DequantizeLinear needs opset ≥ 13, the model has ${opset}`)
  const nodes = graph.node ?? []
  const tables: ShrunkTable[] = []
  const dequantize: onnxProto.onnx.INodeProto[] = []
  const initializers = (graph.initializer ?? []).flatMap((t) => {
    const dims = (t.dims ?? []).map(Number)
    const count = dims.reduce((a, b) => a * b, 1)
    const name = t.name ?? ''
    const readers = nodes.filter((n) => (n.input ?? []).includes(name))
    const onlyGathered =
      readers.length > 0 && readers.every((n) => n.opType === 'Gather' && n.input?.indexOf(name) === 0)
    if (t.dataType !== FLOAT || dims.length !== 2 || count < minElements || !onlyGathered) return [t]
    const [rows, cols] = dims as [number, number]
    const values = floatValues(t, count)
    const { q, scale } = quantizeRows(values, rows, cols)
    const offGrid = countOffGrid(values, q, scale, cols)
    tables.push({ name, dims, bytesBefore: count * 4, bytesAfter: q.length + scale.length * 4, offGrid })
    dequantize.push(
      onnx.NodeProto.create({
        name: `dequantize_${name}`,
        opType: 'DequantizeLinear',
        input: [name + QUANT_SUFFIX, name + SCALE_SUFFIX],
        output: [name],
        attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
      }),
    )
    return [
      onnx.TensorProto.create({
        name: name + QUANT_SUFFIX,
        dims,
        dataType: INT8,
        rawData: new Uint8Array(q.buffer),
      }),
      onnx.TensorProto.create({
        name: name + SCALE_SUFFIX,
        dims: [rows],
        dataType: FLOAT,
        rawData: littleEndianFloats(scale),
      }),
    ]
  })
  if (tables.length === 0) return { bytes, tables }
  graph.initializer = initializers
  graph.node = [...dequantize, ...nodes]
  return { bytes: onnx.ModelProto.encode(model).finish(), tables }
}
