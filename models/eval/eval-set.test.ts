// The eval set regenerated in memory (what the model lab does in the browser) against the committed slice,
// which `models:eval --write-slice` wrote from the world's files: the same first sessions, byte for byte,
// and the same posts. Also: the lab's world file is the slice's world, and bad options are refused.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { WorldInfo } from '../../shared/eval/eval-data.ts'
import { regenerateEvalSet, sampleCorpus } from '../../shared/eval/eval-set.ts'
import { ARTIFACTS_DIR } from './artifacts.ts'
import { readSlice, readSliceWorld } from './eval-files.ts'
import { LAB_WORLD_FILE } from './lab-world.ts'

const SESSIONS = 12

describe('regenerateEvalSet', { timeout: 120_000 }, () => {
  const slice = readSlice(ARTIFACTS_DIR)
  const steps: string[] = []
  const data = regenerateEvalSet({
    world: slice.world,
    sessions: SESSIONS,
    corpus: 300,
    retrievalUsers: 4,
    onProgress: (step, done, total) => {
      if (done === total) steps.push(step)
    },
  })

  it('regenerates the first eval sessions exactly as the committed slice holds them', () => {
    expect(data.sessions).toHaveLength(SESSIONS)
    expect(data.sessions.map((s) => JSON.stringify(s))).toEqual(
      slice.sessions.slice(0, SESSIONS).map((s) => JSON.stringify(s)),
    )
  })

  it('regenerates every post the slice holds with the same fields', () => {
    const ids = [...slice.posts.keys()].slice(0, 500)
    expect(ids.map((id) => data.posts.get(id))).toEqual(ids.map((id) => slice.posts.get(id)))
  })

  it('builds a retrieval task of held-out viewers on the sampled corpus, each with an oracle top list', () => {
    expect(data.retrieval.corpus).toHaveLength(300)
    expect(data.retrieval.users.length).toBeGreaterThan(0)
    expect(data.retrieval.users.length).toBeLessThanOrEqual(4)
    const sessionViewers = new Set(data.sessions.map((s) => s.userId))
    for (const u of data.retrieval.users) {
      expect(sessionViewers.has(u.userId)).toBe(true)
      expect(u.oracleTop.length).toBeGreaterThan(0)
    }
  })

  it('reports every step to the end, in order', () => {
    expect(steps).toEqual(['world', 'posts', 'sessions', 'retrieval'])
  })

  it('refuses a world of another generator and a non-positive session count', () => {
    expect(() =>
      regenerateEvalSet({ world: { ...slice.world, generatorVersion: 'world@0' }, sessions: 1 }),
    ).toThrow(/world@0/)
    expect(() => regenerateEvalSet({ world: slice.world, sessions: 0 })).toThrow(/sessions/)
  })
})

describe('the model lab world file (web/public/lab/eval-world.json)', () => {
  it('is the committed slice world, training base rates included', () => {
    const lab = WorldInfo.parse(JSON.parse(readFileSync(LAB_WORLD_FILE, 'utf8')))
    expect(lab).toEqual(readSliceWorld(ARTIFACTS_DIR))
  })
})

describe('sampleCorpus', () => {
  it('takes every k-th id across the whole list', () => {
    const ids = Array.from({ length: 10 }, (_, i) => String(i))
    expect(sampleCorpus(ids, 5)).toEqual(['0', '2', '4', '6', '8'])
    expect(sampleCorpus(ids, 20)).toEqual(ids)
  })
})
