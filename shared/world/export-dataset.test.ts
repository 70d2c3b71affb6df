import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DISCRETE_ACTIONS, LOGGABLE_ACTIONS } from '../phoenix/actions.ts'
import { type WorldSeed, worldSeedSchema } from '../types/world-seed.ts'
import { HOUR_MS, PRESETS, worldConfig } from './config.ts'
import { DATASET_FILES, type DatasetFile, exportDataset } from './export-dataset.ts'
import { generateWorld } from './world.ts'

interface Capture {
  hashes: Record<string, string>
  text: Record<string, string>
  manifest: ReturnType<typeof exportDataset>
}

function run(seed: number): Capture {
  const world = generateWorld(worldConfig('small', seed))
  const hashes = new Map<DatasetFile, ReturnType<typeof createHash>>()
  const text: Record<string, string> = {}
  const manifest = exportDataset(
    world,
    { trainSessions: 120, evalSessions: 40, split: PRESETS.small.split },
    {
      write(file, chunk) {
        if (!hashes.has(file)) hashes.set(file, createHash('sha256'))
        hashes.get(file)!.update(chunk)
        text[file] = (text[file] ?? '') + chunk
      },
    },
  )
  return { hashes: Object.fromEntries([...hashes].map(([f, h]) => [f, h.digest('hex')])), text, manifest }
}

const lines = (s: string | undefined) => (s ?? '').split('\n').filter((l) => l.length > 0)

// Generous timeout: these loop over thousands of records, slow on a busy 2-core machine.
describe('exportDataset', { timeout: 30_000 }, () => {
  const a = run(11)
  const b = run(11)
  const c = run(12)

  it('is byte-for-byte reproducible for a seed and differs for another seed', () => {
    expect(Object.keys(a.hashes).sort()).toEqual([...DATASET_FILES].sort())
    expect(b.hashes).toEqual(a.hashes)
    for (const file of DATASET_FILES) expect(c.hashes[file]).not.toBe(a.hashes[file])
  })

  it('writes one well-formed record per line', () => {
    const posts = lines(a.text['posts.jsonl']).map((l) => JSON.parse(l))
    expect(posts).toHaveLength(2000)
    expect(Object.keys(posts[0]).sort()).toEqual(
      [
        'id',
        'authorId',
        'createdAtMs',
        'text',
        'media',
        'videoDurationMs',
        'replyToId',
        'quoteOfId',
        'repostOfId',
        'conversationId',
        'subscriberOnly',
        'language',
        'counts',
        'truth',
      ].sort(),
    )
    const accounts = lines(a.text['accounts.jsonl']).map((l) => JSON.parse(l))
    expect(accounts).toHaveLength(300)
    const ids = new Set(accounts.map((x) => x.id))
    const follows = lines(a.text['follows.tsv']).map((l) => l.split('\t'))
    for (const [u, v] of follows) expect(ids.has(u) && ids.has(v) && u !== v).toBe(true)
    expect(follows).toHaveLength(a.manifest.counts.follows)
  })

  it('writes compact sessions with truth vectors in eval only', () => {
    const train = lines(a.text['sessions-train.jsonl']).map((l) => JSON.parse(l))
    const evalSessions = lines(a.text['sessions-eval.jsonl']).map((l) => JSON.parse(l))
    expect(train).toHaveLength(120)
    expect(evalSessions).toHaveLength(40)
    const badCounts: unknown[] = []
    for (const s of train) {
      expect(s.truth).toBeUndefined()
      for (const h of s.history)
        expect(h).toEqual([
          expect.any(String),
          expect.any(Number),
          expect.any(Number),
          expect.any(Number),
          expect.any(Number),
        ])
      for (const c of s.candidates) {
        expect(c).toHaveLength(5)
        expect(c[2]).toBeLessThan(2 ** DISCRETE_ACTIONS.length)
        // the counts at the serve time: favorite, reply, repost, quote, view (non-negative integers)
        if (!(c[4].length === 5 && c[4].every((n: number) => Number.isInteger(n) && n >= 0)))
          badCounts.push(c)
      }
    }
    expect(badCounts).toEqual([])
    for (const s of evalSessions) {
      expect(s.truth).toHaveLength(s.candidates.length)
      for (const t of s.truth) expect(t).toHaveLength(DISCRETE_ACTIONS.length + 1)
    }
    expect(a.manifest.train.sessions).toBe(120)
    expect(a.manifest.eval.positiveRates.favorite).toBeGreaterThan(0)
  })

  it('writes a closed world seed of the last 48 h', () => {
    const seed: WorldSeed = JSON.parse(a.text['world-seed.json']!)
    expect(seed.format).toBe('for-you-edge/world-seed@1')
    expect(seed.worldSeed).toBe(11)
    expect(seed.accounts).toHaveLength(300)
    const postIds = new Set(seed.posts.map((p) => p.id))
    const accountIds = new Set(seed.accounts.map((x) => x.id))
    expect(seed.posts.length).toBeGreaterThan(900)
    for (const p of seed.posts) {
      expect(p.createdAgoMs).toBeGreaterThan(0)
      expect(p.createdAgoMs).toBeLessThanOrEqual(48 * HOUR_MS)
      expect(accountIds.has(p.authorId)).toBe(true)
      for (const ref of [p.replyToId, p.quoteOfId, p.repostOfId, p.conversationId]) {
        if (ref !== undefined) expect(postIds.has(ref)).toBe(true)
      }
    }
    expect(seed.engagements.length).toBeGreaterThan(300)
    for (const e of seed.engagements) {
      expect(postIds.has(e.postId) && accountIds.has(e.userId)).toBe(true)
      expect(LOGGABLE_ACTIONS).toContain(e.action)
      expect(e.agoMs).toBeGreaterThan(0)
      expect(e.dwellMs !== undefined).toBe(e.action === 'dwell')
    }
  })

  it('writes a seed whose every item passes the domain schemas it is derived from', () => {
    const parsed = worldSeedSchema.safeParse(JSON.parse(a.text['world-seed.json']!))
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([])
  })
})
