// Builds the smoke MLP as ONNX bytes: a tiny fp32 model (opset 17) that proves ORT runs in the
// browser on each execution provider. Deterministic: same bytes on every call.
// onnx-proto is CommonJS; its namespace lives on the default export.
import onnxProto from 'onnx-proto'
import { SMOKE_HIDDEN, SMOKE_IN, SMOKE_OUT, smokeWeights } from '../../web/src/smoke/smoke-weights'

const { onnx } = onnxProto
const FLOAT = onnx.TensorProto.DataType.FLOAT

function initializer(
  name: string,
  dims: number[],
  values: Float32Array,
): InstanceType<typeof onnx.TensorProto> {
  // raw_data is little-endian by spec; write through a DataView so host byte order cannot leak in.
  const raw = new Uint8Array(values.length * 4)
  const view = new DataView(raw.buffer)
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true)
  return onnx.TensorProto.create({ name, dims, dataType: FLOAT, rawData: raw })
}

function tensorInfo(name: string, dims: (number | string)[]): InstanceType<typeof onnx.ValueInfoProto> {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }))
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim } } },
  })
}

function node(opType: string, inputs: string[], outputs: string[]): InstanceType<typeof onnx.NodeProto> {
  return onnx.NodeProto.create({ opType, input: inputs, output: outputs, name: `${opType}_${outputs[0]}` })
}

export function buildSmokeModel(): Uint8Array {
  const w = smokeWeights()
  const graph = onnx.GraphProto.create({
    name: 'smoke_mlp',
    node: [
      node('MatMul', ['x', 'W1'], ['h_mm']),
      node('Add', ['h_mm', 'b1'], ['h_pre']),
      node('Relu', ['h_pre'], ['h']),
      node('MatMul', ['h', 'W2'], ['o_mm']),
      node('Add', ['o_mm', 'b2'], ['logits']),
      node('Sigmoid', ['logits'], ['y']),
    ],
    initializer: [
      initializer('W1', [SMOKE_IN, SMOKE_HIDDEN], w.w1),
      initializer('b1', [SMOKE_HIDDEN], w.b1),
      initializer('W2', [SMOKE_HIDDEN, SMOKE_OUT], w.w2),
      initializer('b2', [SMOKE_OUT], w.b2),
    ],
    input: [tensorInfo('x', ['batch', SMOKE_IN])],
    output: [tensorInfo('y', ['batch', SMOKE_OUT])],
  })
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'for-you-edge/models/smoke',
    producerVersion: '1',
    graph,
  })
  return onnx.ModelProto.encode(model).finish()
}
