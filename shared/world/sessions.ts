// Ranker / retrieval training sessions: a viewer (∝ activity), a serve time in the split's window, the
// last L events of the viewer's timeline before it (L from the history-length mix) and 8–64 candidates
// labelled by Bernoulli draws from the truth. Session i of a split depends only on (seed, split, i).

import { drawCandidates } from './candidates.ts'
import { HOUR_MS, MINUTE_MS, type SplitConfig } from './config.ts'
import { sampleCandidateLabels } from './labels.ts'
import { Rng } from './rng.ts'
import { planSplit, type SplitName, type SplitPlan } from './split.ts'
import { buildTimeline, type Timeline } from './timeline.ts'
import { TRUTH_LENGTH, truthInto } from './truth.ts'
import { drawFromPrefixSum, prefixSum } from './weighted.ts'
import { lowerBound } from './world.ts'
import type { World } from './world-types.ts'

export interface HistoryEvent {
  post: number
  /** Bit i = DISCRETE_ACTIONS[i]. */
  actions: number
  dwellSeconds: number
  surface: number
  engagedAtMs: number
}

export interface SessionCandidate {
  post: number
  inNetwork: boolean
  labels: number
  dwellSeconds: number
  /** Eval only: the truth vector (TRUTH_LENGTH). */
  truth?: Float64Array
}

export interface Session {
  viewer: number
  servedAtMs: number
  history: HistoryEvent[]
  candidates: SessionCandidate[]
}

export const MAX_HISTORY = 127
export const MIN_HISTORY = 8
/** History-length mix: 30% 8–31, 50% 32–95, 20% 96–127. */
const HISTORY_MIX: readonly (readonly [number, number, number])[] = [
  [0.3, 8, 31],
  [0.5, 32, 95],
  [0.2, 96, 127],
]

export class SessionSampler {
  readonly split: SplitPlan
  private readonly timelines = new Map<number, Timeline>()
  private readonly pickers: Record<'train' | 'heldOut', Float64Array>
  /** Training candidates keep only their labels, so their truth goes through one reused buffer. */
  private readonly scratch = new Float64Array(TRUTH_LENGTH)

  constructor(
    readonly world: World,
    splitConfig: SplitConfig,
  ) {
    this.split = planSplit(world, splitConfig)
    const weights = (users: readonly number[]) => prefixSum(users.map((u) => world.accounts[u]!.activity))
    this.pickers = { train: weights(this.split.trainUsers), heldOut: weights(this.split.heldOutUsers) }
  }

  timeline(viewer: number): Timeline {
    let t = this.timelines.get(viewer)
    if (t === undefined) {
      t = buildTimeline(this.world, viewer)
      this.timelines.set(viewer, t)
    }
    return t
  }

  private pickViewer(rng: Rng, split: SplitName): number {
    const heldOut =
      split === 'eval' &&
      this.split.heldOutUsers.length > 0 &&
      rng.bernoulli(this.split.config.evalHeldOutViewerShare)
    const users = heldOut ? this.split.heldOutUsers : this.split.trainUsers
    return users[drawFromPrefixSum(rng, heldOut ? this.pickers.heldOut : this.pickers.train)]!
  }

  session(split: SplitName, i: number): Session {
    const rng = Rng.derive(this.world.config.seed, 'session', split, i)
    const [winStart, winEnd] =
      split === 'train'
        ? [this.world.nowMs - this.world.config.postWindowHours * HOUR_MS, this.split.cutoffMs]
        : [this.split.cutoffMs, this.world.nowMs - MINUTE_MS]
    for (let attempt = 0; attempt < 50; attempt++) {
      const viewer = this.pickViewer(rng, split)
      const tl = this.timeline(viewer)
      const [, lo, hi] = HISTORY_MIX[rng.categorical(HISTORY_MIX.map((m) => m[0]))]!
      let length = rng.int(lo, hi)
      const available = lowerBound(tl.times, winEnd)
      length = Math.min(length, available)
      if (length < MIN_HISTORY) continue
      const earliest = Math.max(winStart, tl.times[length - 1]! + 1)
      if (earliest >= winEnd) continue
      const servedAtMs = Math.floor(rng.uniform(earliest, winEnd))
      const end = lowerBound(tl.times, servedAtMs)
      const history: HistoryEvent[] = []
      for (let k = end - length; k < end; k++) {
        history.push({
          post: tl.posts[k]!,
          actions: tl.actions[k]!,
          dwellSeconds: tl.dwellSeconds[k]!,
          surface: tl.surfaces[k]!,
          engagedAtMs: tl.times[k]!,
        })
      }
      const drawn = drawCandidates(this.world, rng, viewer, tl, servedAtMs)
      if (drawn.length === 0) continue
      const candidates = drawn.map(({ post, inNetwork }): SessionCandidate => {
        const truth = split === 'eval' ? new Float64Array(TRUTH_LENGTH) : this.scratch
        const mu = truthInto(this.world, viewer, this.world.posts[post]!, servedAtMs, truth)
        const { mask, dwellSeconds } = sampleCandidateLabels(rng, truth, mu)
        return { post, inNetwork, labels: mask, dwellSeconds, ...(split === 'eval' ? { truth } : {}) }
      })
      return { viewer, servedAtMs, history, candidates }
    }
    throw new Error(`could not draw ${split} session ${i}: the world is too small for its split`)
  }

  *sessions(split: SplitName, count: number, offset = 0): Generator<Session> {
    for (let i = offset; i < offset + count; i++) yield this.session(split, i)
  }
}

export interface SampleOptions {
  split: SplitName
  count: number
  splitConfig: SplitConfig
  /** Reuse a sampler (and its cached timelines) across calls. */
  sampler?: SessionSampler
}

/** Draws `count` sessions of one split (in memory; stream large counts with SessionSampler.sessions). */
export function sampleSessions(world: World, opts: SampleOptions): Session[] {
  const sampler = opts.sampler ?? new SessionSampler(world, opts.splitConfig)
  return [...sampler.sessions(opts.split, opts.count)]
}
