import onnxProto from 'onnx-proto'
import { describe, expect, it } from 'vitest'
import { readOnnxWeights } from './onnx-weights.ts'

const { onnx } = onnxProto
const FLOAT = onnx.TensorProto.DataType.FLOAT

function model(): Uint8Array {
  const raw = new Uint8Array(1 + 6 * 4).subarray(1) // an odd byte offset: raw_data is not aligned
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength)
  for (const [i, v] of [1.5, -2, 3.25, 0, 1e-8, 7].entries()) view.setFloat32(i * 4, v, true)
  const graph = onnx.GraphProto.create({
    name: 'g',
    node: [
      onnx.NodeProto.create({
        opType: 'Constant',
        output: ['const_w'],
        attribute: [
          {
            name: 'value',
            type: onnx.AttributeProto.AttributeType.TENSOR,
            t: { dims: [2], dataType: FLOAT, floatData: [4, 5] },
          },
        ],
      }),
    ],
    initializer: [
      onnx.TensorProto.create({ name: 'raw_w', dims: [2, 3], dataType: FLOAT, rawData: raw }),
      onnx.TensorProto.create({ name: 'float_w', dims: [3], dataType: FLOAT, floatData: [0.5, 0.25, -1] }),
      onnx.TensorProto.create({
        name: 'int_w',
        dims: [2],
        dataType: onnx.TensorProto.DataType.INT64,
        int64Data: [1, 2],
      }),
    ],
  })
  return onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 8, graph })).finish()
}

describe('readOnnxWeights', () => {
  const w = readOnnxWeights(model())

  it('reads little-endian raw_data, float_data and Constant values by name', () => {
    expect([...w.get('raw_w', [2, 3])]).toEqual([1.5, -2, 3.25, 0, Math.fround(1e-8), 7])
    expect([...w.get('float_w', [-1])]).toEqual([0.5, 0.25, -1])
    expect([...w.get('const_w', [2])]).toEqual([4, 5])
    expect(w.dim('raw_w', 1)).toBe(3)
  })

  it('skips non-float tensors and fails loudly on a missing name or a wrong shape', () => {
    expect(w.has('int_w')).toBe(false)
    expect(() => w.get('nope', [1])).toThrow(/missing/)
    expect(() => w.get('raw_w', [3, 2])).toThrow(/shape \[2,3\]/)
  })
})

describe('readOnnxWeights on int8 tables', () => {
  const { INT8 } = onnx.TensorProto.DataType
  const dq = (input: string[], output: string, axis?: number) =>
    onnx.NodeProto.create({
      opType: 'DequantizeLinear',
      input,
      output: [output],
      attribute:
        axis === undefined ? [] : [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: axis }],
    })
  const graph = onnx.GraphProto.create({
    name: 'q',
    node: [dq(['rows_q', 'rows_s'], 'rows', 0), dq(['flat_q', 'flat_s', 'flat_z'], 'flat')],
    initializer: [
      onnx.TensorProto.create({
        name: 'rows_q',
        dims: [2, 2],
        dataType: INT8,
        rawData: Uint8Array.of(1, 0xfe, 127, 0),
      }),
      onnx.TensorProto.create({ name: 'rows_s', dims: [2], dataType: FLOAT, floatData: [0.5, 0.25] }),
      onnx.TensorProto.create({ name: 'flat_q', dims: [3], dataType: INT8, int32Data: [3, -1, 0] }),
      onnx.TensorProto.create({ name: 'flat_s', dims: [], dataType: FLOAT, floatData: [2] }),
      onnx.TensorProto.create({ name: 'flat_z', dims: [], dataType: INT8, int32Data: [1] }),
    ],
  })
  const w = readOnnxWeights(onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 8, graph })).finish())

  it('dequantizes per row (axis 0) and per tensor with a zero point, under the node output name', () => {
    // rows: [1, −2] · 0.5 and [127, 0] · 0.25; flat: ([3, −1, 0] − 1) · 2.
    expect([...w.get('rows', [2, 2])]).toEqual([0.5, -1, 31.75, 0])
    expect([...w.get('flat', [3])]).toEqual([4, -4, -2])
  })
})
