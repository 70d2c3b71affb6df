// The edge's models load from the MODEL_ASSETS binding and reproduce the PyTorch fixture
// (models/artifacts/fixture.json, written by the trainer) within 1e-4.
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import fixture from '../../models/artifacts/fixture.json'
import type { CandidateInput, HistoryEvent } from '../../shared/phoenix/features.ts'
import type { FeedCandidate, FeedViewer } from '../../shared/types/feed.ts'
import { edgeModels, postTower } from './edge-models'
import { EDGE_MODEL_FILES, fetchModelBytes, oncePerIsolate } from './model-assets'

const request = fixture.request
const candidates: CandidateInput[] = request.candidates.map((c) => ({
  ...c,
  media: c.media as CandidateInput['media'],
  videoDurationMs: c.videoDurationMs ?? undefined,
}))
// The fixture writes absent optional fields as null; the featurizer's input omits them.
const history: HistoryEvent[] = request.history.map(({ postText, postCreatedAtMs, ...e }) => ({
  ...e,
  ...(postText === null ? {} : { postText }),
  ...(postCreatedAtMs === null ? {} : { postCreatedAtMs }),
}))
const viewer: FeedViewer = { userId: request.userId, history, mutualFollowIds: [] }
const feedCandidates = candidates.map(
  (c): FeedCandidate => ({
    ...c,
    source: 'thunder',
    conversationId: c.postId,
    language: 'en',
    subscriberOnly: false,
    authorHandle: 'a',
    authorDisplayName: 'A',
    authorFollowerCount: 0,
    authorIsMutualFollow: false,
    labels: [],
  }),
)

function maxAbsDiff(actual: ArrayLike<number>, expected: readonly number[]): number {
  expect(actual.length).toBe(expected.length)
  let worst = 0
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!))
  return worst
}

describe('edge models from static assets', () => {
  it('serves each ONNX file the edge reads, byte-exact in size with the manifest', async () => {
    const manifest = (await import('../../models/artifacts/manifest.json')).artifacts as Record<
      string,
      { bytes: number }
    >
    for (const file of EDGE_MODEL_FILES) {
      const bytes = await fetchModelBytes(env.MODEL_ASSETS, file)
      expect(bytes.byteLength, file).toBe(manifest[file]?.bytes)
    }
  })

  it('does not serve artifacts outside the .assetsignore allow-list', async () => {
    await expect(fetchModelBytes(env.MODEL_ASSETS, 'ranker.onnx')).rejects.toThrow(/HTTP 404/)
    await expect(fetchModelBytes(env.MODEL_ASSETS, 'eval-slice.jsonl')).rejects.toThrow(/HTTP 404/)
  })

  it('post tower matches the PyTorch fixture within 1e-4, unit length', async () => {
    const models = await edgeModels(env)
    const out = models.postEmbeddings(candidates, request.nowMs)
    expect(out).toHaveLength(candidates.length)
    const flat = out.flatMap((e) => [...e])
    expect(maxAbsDiff(flat, fixture.outputs.post_embedding.data)).toBeLessThan(1e-4)
    for (const e of out) expect(Math.hypot(...e)).toBeCloseTo(1, 5)
  })

  it('user tower matches the PyTorch fixture within 1e-4', async () => {
    const u = (await edgeModels(env)).userEmbedding(viewer, request.nowMs)
    expect(maxAbsDiff(u, fixture.outputs.user_embedding.data)).toBeLessThan(1e-4)
  })

  it('ranker (split weights, cached prefix) matches the PyTorch fixture within 1e-4', async () => {
    const engine = (await edgeModels(env)).scoreEngine
    const first = await engine.score(viewer, feedCandidates, request.nowMs)
    expect(maxAbsDiff(first.probs, fixture.outputs.probs.data)).toBeLessThan(1e-4)
    expect(maxAbsDiff(first.dwellSeconds, fixture.outputs.dwell_seconds.data)).toBeLessThan(1e-4)
    // Second call reuses the cached prefix; a candidate's scores do not depend on the others.
    const reversed = await engine.score(viewer, [...feedCandidates].reverse(), request.nowMs)
    const A = fixture.outputs.probs.dims[2]!
    const lastRow = [...reversed.probs.subarray(0, A)]
    expect(maxAbsDiff(lastRow, fixture.outputs.probs.data.slice(4 * A, 5 * A))).toBeLessThan(1e-4)
  })

  it('scores more candidates than one model pass holds, each as if alone', async () => {
    const engine = (await edgeModels(env)).scoreEngine
    const many = Array.from({ length: 70 }, (_, i) => feedCandidates[i % feedCandidates.length]!)
    const out = await engine.score(viewer, many, request.nowMs)
    const A = fixture.outputs.probs.dims[2]!
    expect(out.probs).toHaveLength(70 * A)
    const row69 = [...out.probs.subarray(69 * A, 70 * A)] // candidate 69 % 5 = 4, in the second chunk
    expect(maxAbsDiff(row69, fixture.outputs.probs.data.slice(4 * A, 5 * A))).toBeLessThan(1e-4)
  })

  it('loads once per isolate and retries a failed load', async () => {
    expect(await postTower(env)).toBe(await postTower(env))
    let attempts = 0
    const flaky = () =>
      oncePerIsolate('test-flaky', async () => {
        attempts++
        if (attempts === 1) throw new Error('first load fails')
        return attempts
      })
    await expect(flaky()).rejects.toThrow('first load fails')
    expect(await flaky()).toBe(2)
    expect(await flaky()).toBe(2)
  })
})
