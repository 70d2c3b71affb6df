import { describe, expect, it } from 'vitest'
import { type SeedMarker, STATE_LAYOUT } from './seed-marker.ts'
import { REANCHOR_AFTER_MS, seedPlan } from './seed-plan.ts'

const HOUR = 3_600_000
const now = 1_790_000_000_000
const marker = (seededAt: number, anchoredAt?: number): SeedMarker => ({
  worldSeed: 7,
  stateLayout: STATE_LAYOUT,
  seededAt,
  ...(anchoredAt === undefined ? {} : { anchoredAt }),
  demoHandles: ['a'],
  posts: 10,
  accounts: 2,
})
const plan = (
  m: SeedMarker | undefined,
  extra: { reseed?: boolean; noSeed?: boolean; worldSeed?: number } = {},
) =>
  seedPlan({
    marker: m,
    worldSeed: extra.worldSeed ?? 7,
    now,
    reseed: extra.reseed ?? false,
    noSeed: extra.noSeed ?? false,
  })

describe('seedPlan', () => {
  it('seeds again, keeping the anchor, a world stored in an older state layout', () => {
    const { stateLayout: _, ...older } = marker(now - HOUR)
    expect(plan(older)).toEqual({ kind: 'seed', anchor: now - HOUR })
    expect(plan({ ...marker(now - HOUR), stateLayout: STATE_LAYOUT - 1 })).toEqual({
      kind: 'seed',
      anchor: now - HOUR,
    })
    expect(plan(marker(now - HOUR))).toEqual({ kind: 'none', reason: 'fresh-enough' })
  })

  it('seeds a new world anchored now when nothing, or another world, was seeded', () => {
    expect(plan(undefined)).toEqual({ kind: 'seed', anchor: now })
    expect(plan(marker(now - 50 * HOUR), { worldSeed: 8 })).toEqual({ kind: 'seed', anchor: now })
  })

  it('re-anchors a world last brought up to date more than 3 h ago, keeping its anchor', () => {
    expect(plan(marker(now - 2 * 24 * HOUR))).toEqual({
      kind: 'reanchor',
      anchor: now - 48 * HOUR,
      staleForMs: 48 * HOUR,
    })
    expect(plan(marker(now - 100 * HOUR, now - 4 * HOUR))).toEqual({
      kind: 'reanchor',
      anchor: now - 100 * HOUR,
      staleForMs: 4 * HOUR,
    })
  })

  it('leaves a world that is fresh enough, and starts empty with --no-seed', () => {
    expect(plan(marker(now - 100 * HOUR, now - REANCHOR_AFTER_MS + 1))).toEqual({
      kind: 'none',
      reason: 'fresh-enough',
    })
    expect(plan(marker(now - HOUR))).toEqual({ kind: 'none', reason: 'fresh-enough' })
    expect(plan(undefined, { noSeed: true })).toEqual({ kind: 'none', reason: 'no-seed' })
  })

  it('--reseed sends every stage again, at the world’s own anchor', () => {
    expect(plan(marker(now - HOUR), { reseed: true })).toEqual({ kind: 'seed', anchor: now - HOUR })
  })
})
