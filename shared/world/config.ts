// World configuration and presets. Everything, including the world's "now", comes from the config, so a
// given config produces the same world byte for byte in Node and in the browser.

// world@2: session candidates carry their counts at the serve time.
export const GENERATOR_VERSION = 'world@2'

export const HOUR_MS = 3_600_000
export const MINUTE_MS = 60_000
export const DAY_MS = 24 * HOUR_MS

export interface WorldConfig {
  seed: number
  preset: string
  /** The world's fixed "now", epoch ms (upstream's synthetic now by default). */
  nowMs: number
  accounts: number
  /** How many of the accounts post (every author is also a user). */
  authors: number
  posts: number
  /** Posts are created over the last `postWindowHours`. */
  postWindowHours: number
}

export interface SplitConfig {
  /** Eval sessions are served in the last `evalWindowHours`; training sessions before that cutoff. */
  evalWindowHours: number
  /** Users held out of training entirely. */
  heldOutUserShare: number
  /** Share of eval sessions whose viewer is a held-out user. */
  evalHeldOutViewerShare: number
}

export interface SessionCounts {
  train: number
  eval: number
}

export interface Preset {
  world: Omit<WorldConfig, 'seed' | 'preset'>
  split: SplitConfig
  sessions: SessionCounts
}

export const DEFAULT_SEED = 20260721

const NOW_MS = 1_784_592_000_000
const SPLIT: SplitConfig = { evalWindowHours: 12, heldOutUserShare: 0.15, evalHeldOutViewerShare: 0.5 }

export const PRESETS = {
  default: {
    world: { nowMs: NOW_MS, accounts: 4000, authors: 1200, posts: 40_000, postWindowHours: 72 },
    split: SPLIT,
    sessions: { train: 200_000, eval: 5000 },
  },
  small: {
    world: { nowMs: NOW_MS, accounts: 300, authors: 90, posts: 2000, postWindowHours: 72 },
    split: SPLIT,
    sessions: { train: 1500, eval: 400 },
  },
} as const satisfies Record<string, Preset>

export type PresetName = keyof typeof PRESETS

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name)
}

export function worldConfig(preset: PresetName = 'default', seed: number = DEFAULT_SEED): WorldConfig {
  return { seed, preset, ...PRESETS[preset].world }
}
