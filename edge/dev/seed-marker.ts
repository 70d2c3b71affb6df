// `.wrangler/state/for-you-edge-seed.json`: which world this local state holds and when it was seeded. It
// lives next to the data it describes, so wiping the state also forgets the seeding.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * How the edge lays out what a seeding wrote; a state seeded under another layout is seeded again (into
 * the new layout, keeping the world's anchor). 2: user state sharded by user id (USER_SHARDS).
 */
export const STATE_LAYOUT = 2

export interface SeedMarker {
  worldSeed: number
  /** STATE_LAYOUT when seeded (absent: 1, one object per user). */
  stateLayout?: number
  /** Epoch ms: "now" the seeded times were relative to: the world's anchor, kept by reseeds and re-anchors. */
  seededAt: number
  /** Epoch ms: the last time the posts and engagements live then were sent (absent: seededAt). */
  anchoredAt?: number
  demoHandles: string[]
  posts: number
  accounts: number
}

export function readMarker(path: string): SeedMarker | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as SeedMarker
  } catch {
    return undefined
  }
}

export function writeMarker(path: string, marker: SeedMarker): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${JSON.stringify(marker, null, 2)}\n`)
}
