// The eval's world-backed references (plug-in ceiling, hold-out kinds, policy values) on the committed
// slice and the committed trained models.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EvalReferences } from '../../shared/eval/eval-references.ts'
import { evaluateReferences } from '../../shared/eval/eval-references.ts'
import { candidateKinds } from '../../shared/eval/holdout-kinds.ts'
import { heldOutViewerIds } from '../../shared/eval/policy-sessions.ts'
import { headRows, type Pooled, predictSessions } from '../../shared/eval/ranker-eval.ts'
import type { World } from '../../shared/world/world-types.ts'
import { ARTIFACTS_DIR, modelSetAt } from './artifacts.ts'
import { readSlice } from './eval-files.ts'
import { configureOrtForNode, OrtPhoenix } from './ort-phoenix.ts'
import { evalWorld } from './run-eval.ts'

const MAIN_HEADS = ['favorite', 'reply', 'repost', 'dwell', 'not_interested']

describe('eval references on the committed slice', { timeout: 60_000 }, () => {
  const data = readSlice(ARTIFACTS_DIR)
  let ort: OrtPhoenix
  let world: World
  let pooled: Pooled
  let refs: EvalReferences

  beforeAll(async () => {
    configureOrtForNode()
    ort = await OrtPhoenix.load(modelSetAt(ARTIFACTS_DIR))
    pooled = await predictSessions(ort, data)
    world = evalWorld(data)
    refs = await evaluateReferences(world, data, pooled)
  }, 240_000)
  afterAll(async () => ort?.release())

  it('puts the plug-in AUC of every main head above popularity and at most the oracle (+0.01 sampling noise)', () => {
    const rows = headRows(pooled, data)
    for (const head of MAIN_HEADS) {
      const ref = rows.find((h) => h.head === head)!
      const plug = refs.plugIn.find((h) => h.head === head)!.auc
      expect(plug, head).toBeGreaterThan(ref.auc.popularity + 0.05)
      expect(plug, head).toBeLessThanOrEqual(ref.auc.oracle + 0.01)
    }
  })

  it('values the ceiling pipeline (true probabilities) at least as high as the trained-ranker pipeline', () => {
    const v = Object.fromEntries(refs.policies.values.map((p) => [p.policy, p]))
    const ceiling = v['ranking pipeline, true probabilities (ceiling)']!
    const model = v['ranking pipeline, trained ranker']!
    expect(refs.policies.sessions).toBeGreaterThan(0)
    expect(ceiling.served).toBe(model.served)
    expect(ceiling.value).toBeGreaterThanOrEqual(model.value)
    expect(ceiling.value).toBeGreaterThan(v.chronological!.value)
    expect(ceiling.value).toBeGreaterThan(v['popularity (engagement count)']!.value)
  })

  it('partitions the candidates into the four hold-out kinds', () => {
    const heldOut = heldOutViewerIds(world, data)
    const kinds = candidateKinds(data, heldOut)
    const total = data.sessions.reduce((s, x) => s + x.candidates.length, 0)
    expect(kinds.length).toBe(total)
    expect(Object.values(refs.holdout.candidates).reduce((a, b) => a + b, 0)).toBe(total)
    // Independently: the retrieval task's viewers are the held-out viewers with an eval session.
    for (const u of data.retrieval.users) expect(heldOut.has(u.userId)).toBe(true)
    let newViewer = 0
    let newPost = 0
    for (const s of data.sessions) {
      if (heldOut.has(s.userId)) newViewer += s.candidates.length
      for (const [id] of s.candidates) if (data.posts.get(id)!.createdAtMs >= data.world.cutoffMs) newPost++
    }
    const c = refs.holdout.candidates
    expect(c['new viewer & new post'] + c['new viewer only']).toBe(newViewer)
    expect(c['new viewer & new post'] + c['new post only']).toBe(newPost)
    expect(newViewer).toBeGreaterThan(0)
    expect(newPost).toBeGreaterThan(0)
  })
})
