// Python (models/train/features.py, via write_test_vectors.py) and TypeScript must prepare the same bytes.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type CandidateInput, featurizeCandidates, featurizeHistory, type HistoryEvent } from './features.ts'

interface VectorCase {
  request: {
    userId: string
    nowMs: number
    history: (Omit<HistoryEvent, 'postCreatedAtMs' | 'postText'> & {
      postCreatedAtMs: number | null
      postText: string | null
    })[]
    candidates: (Omit<CandidateInput, 'videoDurationMs'> & { videoDurationMs: number | null })[]
  }
  expected: Record<string, string>
}

const file = new URL('../../models/artifacts/test-vectors/features.json', import.meta.url)
const { cases } = JSON.parse(readFileSync(file, 'utf8')) as { cases: VectorCase[] }

const bytes = (a: Int32Array | Float32Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64')

describe('feature vectors written by Python', () => {
  it('cover the edge cases (empty and over-long histories, many candidates)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6)
    expect(cases.some((c) => c.request.history.length === 0)).toBe(true)
    expect(cases.some((c) => c.request.history.length > 127)).toBe(true)
  })

  it.each(cases.map((c, i) => [i, c] as const))('case %i: TypeScript writes the same bytes', (_i, c) => {
    const history = c.request.history.map((e) => ({
      ...e,
      postCreatedAtMs: e.postCreatedAtMs ?? undefined,
      postText: e.postText ?? undefined,
    }))
    const cands = c.request.candidates.map((x) => ({ ...x, videoDurationMs: x.videoDurationMs ?? undefined }))
    const { n: _n, ...tensors } = {
      ...featurizeHistory(c.request.userId, history),
      ...featurizeCandidates(cands, c.request.nowMs),
    }
    const got = Object.fromEntries(Object.entries(tensors).map(([k, v]) => [k, bytes(v)]))
    expect(Object.keys(got).sort()).toEqual(Object.keys(c.expected).sort())
    for (const k of Object.keys(c.expected)) expect(got[k], k).toBe(c.expected[k])
  })
})
