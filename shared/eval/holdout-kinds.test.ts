import { describe, expect, it } from 'vitest'
import { DISCRETE_ACTIONS, DISCRETE_INDEX } from '../phoenix/actions.ts'
import type { DatasetPost, EvalData } from './eval-data.ts'
import { candidateKinds, HOLDOUT_KINDS, holdoutKind, kindRows } from './holdout-kinds.ts'

const A = DISCRETE_ACTIONS.length
const CUTOFF = 1000
const post = (id: string, createdAtMs: number) => ({ id, createdAtMs }) as DatasetPost
const session = (userId: string, ids: string[]) => ({
  userId,
  servedAtMs: 2000,
  history: [],
  candidates: ids.map((id) => [id, 0, 0, 0, [0, 0, 0, 0, 0]]),
  truth: [],
})

describe('hold-out kinds', () => {
  it('maps (new viewer, new post) to the four kinds in HOLDOUT_KINDS order', () => {
    expect(HOLDOUT_KINDS[holdoutKind(true, true)]).toBe('new viewer & new post')
    expect(HOLDOUT_KINDS[holdoutKind(true, false)]).toBe('new viewer only')
    expect(HOLDOUT_KINDS[holdoutKind(false, true)]).toBe('new post only')
    expect(HOLDOUT_KINDS[holdoutKind(false, false)]).toBe('neither')
  })

  it('classifies each candidate by its viewer and whether the post was created at or after the cutoff', () => {
    const data = {
      world: { cutoffMs: CUTOFF },
      posts: new Map([post('old', 999), post('new', 1000), post('later', 1500)].map((p) => [p.id, p])),
      sessions: [session('held', ['old', 'new']), session('trained', ['later', 'old'])],
    } as unknown as EvalData
    expect([...candidateKinds(data, new Set(['held']))]).toEqual([1, 0, 2, 3])
  })

  it('computes AUC per kind over only that kind’s candidates (hand-computed)', () => {
    // Kind 0: scores 0.9 (y=1), 0.2 (y=0), 0.5 (y=1), 0.6 (y=0) → pairs (pos > neg): 0.9>0.2, 0.9>0.6,
    // 0.5>0.2 → 3 of 4 = 0.75. Kind 3: one positive, one negative, ranked right → 1. Kinds 1, 2: empty → NaN.
    const scores = [0.9, 0.2, 0.5, 0.6, 0.1, 0.3]
    const y = [1, 0, 1, 0, 0, 1]
    const kinds = Uint8Array.from([0, 0, 0, 0, 3, 3])
    const probs = new Float64Array(scores.length * A)
    const labels = new Uint8Array(scores.length * A)
    scores.forEach((s, i) => {
      probs[i * A + DISCRETE_INDEX.favorite] = s
      labels[i * A + DISCRETE_INDEX.favorite] = y[i]!
    })
    const [row] = kindRows([{ name: 'm', probs, stride: A }], labels, kinds, ['favorite'])
    expect(row!.kinds.map((c) => [c.candidates, c.positives])).toEqual([
      [4, 2],
      [0, 0],
      [0, 0],
      [2, 1],
    ])
    expect(row!.kinds[0]!.auc.m).toBe(0.75)
    expect(row!.kinds[3]!.auc.m).toBe(1)
    expect(row!.kinds[1]!.auc.m).toBeNaN()
  })
})
