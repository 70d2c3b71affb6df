// The world `npm start` seeds: the same edge seed `npm run models:world` writes, built in memory (no files).

import type { WorldSeed } from '../../shared/types/world-seed.ts'
import { PRESETS, worldConfig } from '../../shared/world/config.ts'
import { buildWorldSeed, DEFAULT_SEED_OPTIONS } from '../../shared/world/export-seed.ts'
import { SessionSampler } from '../../shared/world/sessions.ts'
import { generateWorld } from '../../shared/world/world.ts'

/** The same edge seed `npm run models:world` writes, built in memory while the children boot. */
export function buildSeed(seedNumber: number): WorldSeed {
  const world = generateWorld(worldConfig('default', seedNumber))
  const sampler = new SessionSampler(world, PRESETS.default.split)
  return buildWorldSeed(world, sampler, DEFAULT_SEED_OPTIONS)
}
