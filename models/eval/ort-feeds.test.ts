// The shared feeds builder (shared/phoenix/onnx-feeds.ts) against the shipped graphs' own input signatures:
// every input each graph declares is fed, with its dtype, rank and fixed dimensions, and nothing else.
import * as ort from 'onnxruntime-web'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlainFeeds } from '../../shared/phoenix/onnx-feeds.ts'
import * as plain from '../../shared/phoenix/onnx-feeds.ts'
import { encodeHistory } from '../../shared/phoenix/reference/ranker-reference.ts'
import { loadRankerWeights } from '../../shared/phoenix/reference/ranker-weights.ts'
import { syntheticRequest } from '../../shared/phoenix/reference/synthetic-request.ts'
import { type ModelFile, readModel, shippedModelSet } from './artifacts.ts'
import { toOrtFeeds } from './ort-feeds.ts'
import { configureOrtForNode } from './ort-phoenix.ts'

const { history, candidates } = syntheticRequest(31, 20, 5)

function feedsFor(file: ModelFile): PlainFeeds {
  switch (file) {
    case 'ranker.onnx':
      return { ...plain.historyFeeds([history]), ...plain.candidateFeeds([candidates]) }
    case 'ranker_history.onnx':
      return plain.historyFeeds([history])
    case 'ranker_candidates.onnx': {
      const w = loadRankerWeights(readModel(shippedModelSet(), 'ranker.onnx'))
      const p = encodeHistory(w, history)
      return plain.rankerCandidateFeeds({ keys: p.keys, values: p.values, valid: p.valid }, candidates)
    }
    case 'user_tower.onnx':
      return plain.historyFeeds([history], false)
    case 'post_tower.onnx':
      return plain.postFeeds(candidates)
  }
}

const FILES: ModelFile[] = [
  'ranker.onnx',
  'ranker_history.onnx',
  'ranker_candidates.onnx',
  'user_tower.onnx',
  'post_tower.onnx',
]

describe('shared ONNX feeds builder vs the graphs it feeds', { timeout: 60_000 }, () => {
  const sessions = new Map<ModelFile, ort.InferenceSession>()
  beforeAll(async () => {
    configureOrtForNode()
    for (const f of FILES) sessions.set(f, await ort.InferenceSession.create(readModel(shippedModelSet(), f)))
  }, 120_000)
  afterAll(async () => {
    for (const s of sessions.values()) await s.release()
  })

  for (const file of FILES) {
    it(`${file}: names, dtypes and shapes match the graph's inputs, and it runs`, async () => {
      const session = sessions.get(file)!
      const feeds = feedsFor(file)
      expect(Object.keys(feeds).sort()).toEqual([...session.inputNames].sort())
      for (const meta of session.inputMetadata) {
        if (!meta.isTensor) throw new Error(`${meta.name} is not a tensor input`)
        const t = feeds[meta.name]!
        expect(t.type, meta.name).toBe(meta.type)
        expect(t.dims, meta.name).toHaveLength(meta.shape.length)
        meta.shape.forEach((d, i) => {
          if (typeof d === 'number') expect(t.dims[i], `${meta.name}[${i}]`).toBe(d)
        })
        expect(t.data.length).toBe(t.dims.reduce((a, b) => a * b, 1))
      }
      const out = await session.run(toOrtFeeds(feeds))
      expect(Object.keys(out).sort()).toEqual([...session.outputNames].sort())
    })
  }

  it('rejects a prefix of the wrong size, naming what it needs', () => {
    const bad = { keys: new Float32Array(3), values: new Float32Array(3), valid: new Float32Array(128) }
    expect(() => plain.prefixFeeds(bad)).toThrow(/keys\/values need 65536/)
  })
})
