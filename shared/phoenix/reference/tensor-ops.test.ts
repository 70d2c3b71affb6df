import { describe, expect, it } from 'vitest'
import { addVecMat, geluTanh, l2NormalizeRows, matmul, maxAbsDiff, rmsNorm, softmax } from './tensor-ops.ts'

describe('tensor ops', () => {
  it('matmul is x @ W with W stored [in, out] (odd inner sizes use the remainder loop)', () => {
    for (const inDim of [3, 4, 7]) {
      const a = Float64Array.from({ length: 2 * inDim }, (_, i) => i - 3)
      const w = Float32Array.from({ length: inDim * 5 }, (_, i) => (i % 7) - 2)
      const want = new Float64Array(10)
      for (let r = 0; r < 2; r++)
        for (let j = 0; j < 5; j++)
          for (let k = 0; k < inDim; k++) want[r * 5 + j]! += a[r * inDim + k]! * w[k * 5 + j]!
      expect([...matmul(a, 2, w, inDim, 5)]).toEqual([...want])
      const acc = Float64Array.from(want)
      matmul(a, 2, w, inDim, 5, acc, true)
      expect([...acc]).toEqual([...want].map((x) => 2 * x))
    }
    expect(() => matmul(new Float64Array(4), 2, new Float32Array(5), 2, 2)).toThrow()
  })

  it('addVecMat adds one float32 row times a matrix', () => {
    const out = new Float64Array(4).fill(1)
    addVecMat(out, 2, Float32Array.of(9, 1, 2), 1, Float32Array.of(1, 2, 3, 4), 2, 2)
    expect([...out]).toEqual([1, 1, 1 + 7, 1 + 10])
  })

  it('rmsNorm, gelu (tanh), softmax and L2 match their formulas', () => {
    const x = Float64Array.of(3, 4)
    const g = Float32Array.of(1, 2)
    const rms = Math.sqrt((9 + 16) / 2 + 1e-5)
    expect(maxAbsDiff(rmsNorm(x, 1, 2, g, 1e-5), [3 / rms, 8 / rms])).toBeLessThan(1e-12)
    // torch.nn.functional.gelu(x, approximate='tanh') at −1, 0, 1, 3
    expect(
      maxAbsDiff(geluTanh(Float64Array.of(-1, 0, 1, 3)), [-0.158808, 0, 0.841192, 2.996363]),
    ).toBeLessThan(1e-6)
    const s = Float64Array.of(1000, 1001, -1e9)
    softmax(s, 3)
    expect(maxAbsDiff(s, [1 / (1 + Math.E), Math.E / (1 + Math.E), 0])).toBeLessThan(1e-12)
    expect(maxAbsDiff(l2NormalizeRows(Float64Array.of(3, 4, 0, 0), 2, 2), [0.6, 0.8, 0, 0])).toBeLessThan(
      1e-7,
    )
  })

  it('maxAbsDiff fails on NaN and on length mismatch', () => {
    expect(maxAbsDiff([1, Number.NaN], [1, 2])).toBe(Number.POSITIVE_INFINITY)
    expect(maxAbsDiff([1], [1, 2])).toBe(Number.POSITIVE_INFINITY)
  })
})
