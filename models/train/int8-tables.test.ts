// The int8 tables round trip: Python rounds the tables in PyTorch before export (round_tables.py) and
// shrink-graph.ts then stores them as int8, which is lossless only if both use the same grid bit for bit.
// int8-vectors.json holds Python's q, scale and on-grid rows for crafted rows (exact halves, zero and
// subnormal rows, huge values) and random ones; the committed graphs must hold int8 tables on that grid.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import onnxProto from 'onnx-proto'
import { describe, expect, it } from 'vitest'
import { readOnnxWeights } from '../../shared/phoenix/reference/onnx-weights.ts'
import { ARTIFACTS_DIR, MODEL_FILES } from '../eval/artifacts.ts'
import { countOffGrid, QUANT_SUFFIX, quantizeRows, SCALE_SUFFIX, shrinkGraph } from './shrink-graph.ts'

const { onnx } = onnxProto
const { INT8 } = onnx.TensorProto.DataType

interface Int8Vectors {
  cols: number
  values: number[]
  q: number[]
  scale: number[]
  grid: number[]
}
const vectors = JSON.parse(
  readFileSync(new URL('./int8-vectors.json', import.meta.url), 'utf8'),
) as Int8Vectors

const bits = (a: Float32Array) => [...new Uint32Array(a.buffer, a.byteOffset, a.length)]

describe('Python and TypeScript int8 rounding (int8-vectors.json)', () => {
  const { cols } = vectors
  const rows = vectors.scale.length

  it('quantizeRows gives the q and scale round_tables.py computed, bit for bit', () => {
    const { q, scale } = quantizeRows(Float32Array.from(vectors.values), rows, cols)
    expect([...q]).toEqual(vectors.q)
    expect(bits(scale)).toEqual(bits(Float32Array.from(vectors.scale)))
    // The crafted first row has scale 1 and exact halves: JavaScript's Math.round sends them up.
    expect([...q.slice(0, cols)]).toEqual([127, 1, 0, 2, -1, 3, -2, 64])
  })

  it("Python's on-grid rows are stored by shrink-graph without changing one bit", () => {
    const grid = Float32Array.from(vectors.grid)
    const { q, scale } = quantizeRows(grid, rows, cols)
    expect(countOffGrid(grid, q, scale, cols)).toBe(0)
    const dequantized = Float32Array.from(q, (v, i) => v * scale[Math.floor(i / cols)]!)
    expect(bits(dequantized)).toEqual(bits(grid))
    // Not vacuous: the raw rows are off the grid (bar each row's largest entry and the crafted exact rows).
    const raw = Float32Array.from(vectors.values)
    const rawQ = quantizeRows(raw, rows, cols)
    expect(countOffGrid(raw, rawQ.q, rawQ.scale, cols)).toBeGreaterThan(rows * cols * 0.8)
  })
})

describe('the committed Phoenix graphs', () => {
  for (const file of MODEL_FILES) {
    it(`${file} stores its two embedding tables as int8 on the grid (a second shrink changes nothing)`, () => {
      const bytes = new Uint8Array(readFileSync(join(ARTIFACTS_DIR, file)))
      const graph = onnx.ModelProto.decode(bytes).graph!
      const dequantize = (graph.node ?? []).filter((n) => n.opType === 'DequantizeLinear')
      expect(dequantize.map((n) => n.output?.[0]).sort()).toEqual(
        file === 'user_tower.onnx'
          ? ['ut.hash_table', 'ut.text_emb']
          : file === 'post_tower.onnx'
            ? ['pt.hash_table', 'pt.text_emb']
            : ['hash_table', 'text_emb'],
      )
      const weights = readOnnxWeights(bytes)
      for (const node of dequantize) {
        const name = node.output![0]!
        const q = graph.initializer!.find((t) => t.name === name + QUANT_SUFFIX)!
        expect(q.dataType).toBe(INT8)
        const [rows, cols] = (q.dims ?? []).map(Number) as [number, number]
        const table = weights.get(name, [rows, cols])
        const again = quantizeRows(table, rows, cols)
        expect(countOffGrid(table, again.q, again.scale, cols)).toBe(0)
        const stored = graph.initializer!.find((t) => t.name === name + SCALE_SUFFIX)!
        expect(stored.dims?.map(Number)).toEqual([rows])
      }
      expect(shrinkGraph(bytes).tables).toEqual([])
    })
  }
})
