// Worlds shared by the tests in one file (generation is deterministic, so caching is safe).
import { PRESETS, type PresetName, worldConfig } from './config.ts'
import { SessionSampler } from './sessions.ts'
import { generateWorld } from './world.ts'
import type { World } from './world-types.ts'

const worlds = new Map<string, World>()
const samplers = new Map<string, SessionSampler>()

export function testWorld(preset: PresetName = 'small', seed = 7): World {
  const key = `${preset}:${seed}`
  let w = worlds.get(key)
  if (w === undefined) {
    w = generateWorld(worldConfig(preset, seed))
    worlds.set(key, w)
  }
  return w
}

export function testSampler(preset: PresetName = 'small', seed = 7): SessionSampler {
  const key = `${preset}:${seed}`
  let s = samplers.get(key)
  if (s === undefined) {
    s = new SessionSampler(testWorld(preset, seed), PRESETS[preset].split)
    samplers.set(key, s)
  }
  return s
}
