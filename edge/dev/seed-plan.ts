// What `npm start` does with the world, from the seed marker and the flags: seed it, re-anchor it (send the
// posts and engagements live now, edge/seed/world-period.ts), or leave it.
import { type SeedMarker, STATE_LAYOUT } from './seed-marker.ts'

/** A world brought up to date longer ago than this gets its live posts re-sent: by then ~6% have aged out. */
export const REANCHOR_AFTER_MS = 3 * 3600_000

export type SeedPlan =
  | { kind: 'none'; reason: 'no-seed' | 'fresh-enough' }
  /** Every stage; `anchor` is when this world was first seeded (now for a new one). */
  | { kind: 'seed'; anchor: number }
  /** Posts and engagements only: the accounts and follows are there already. */
  | { kind: 'reanchor'; anchor: number; staleForMs: number }

export interface SeedPlanInput {
  marker: SeedMarker | undefined
  worldSeed: number
  now: number
  reseed: boolean
  noSeed: boolean
}

export function seedPlan({ marker, worldSeed, now, reseed, noSeed }: SeedPlanInput): SeedPlan {
  if (noSeed) return { kind: 'none', reason: 'no-seed' }
  const same = marker !== undefined && marker.worldSeed === worldSeed
  // The same world stored in an older layout is sent again, into the current one, with its anchor.
  const current = same && (marker.stateLayout ?? 1) === STATE_LAYOUT
  if (!current || reseed) return { kind: 'seed', anchor: same ? marker.seededAt : now }
  const staleForMs = now - (marker.anchoredAt ?? marker.seededAt)
  if (staleForMs > REANCHOR_AFTER_MS) return { kind: 'reanchor', anchor: marker.seededAt, staleForMs }
  return { kind: 'none', reason: 'fresh-enough' }
}
