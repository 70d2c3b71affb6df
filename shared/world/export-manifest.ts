// Per-split statistics gathered while sessions stream out, and the manifest that records them.
import { DISCRETE_ACTIONS } from '../phoenix/actions.ts'
import { GENERATOR_VERSION } from './config.ts'
import type { Session } from './sessions.ts'
import type { SplitPlan } from './split.ts'
import type { World } from './world-types.ts'

export class SplitStats {
  sessions = 0
  candidates = 0
  historyEvents = 0
  inNetwork = 0
  /** Candidates created after the eval cutoff (held-out posts). */
  postCutoffCandidates = 0
  heldOutViewerSessions = 0
  dwellSecondsSum = 0
  readonly positives = new Float64Array(DISCRETE_ACTIONS.length)

  add(world: World, split: SplitPlan, s: Session): void {
    this.sessions++
    this.historyEvents += s.history.length
    if (split.isHeldOut(s.viewer)) this.heldOutViewerSessions++
    for (const c of s.candidates) {
      this.candidates++
      if (c.inNetwork) this.inNetwork++
      if (world.posts[c.post]!.createdAtMs >= split.cutoffMs) this.postCutoffCandidates++
      this.dwellSecondsSum += c.dwellSeconds
      for (let i = 0; i < DISCRETE_ACTIONS.length; i++) if ((c.labels >>> i) & 1) this.positives[i]! += 1
    }
  }

  positiveRates(): Record<string, number> {
    return Object.fromEntries(
      DISCRETE_ACTIONS.map((a, i) => [a, this.candidates ? round6(this.positives[i]! / this.candidates) : 0]),
    )
  }

  summary() {
    const n = Math.max(1, this.candidates)
    return {
      sessions: this.sessions,
      candidates: this.candidates,
      historyEvents: this.historyEvents,
      meanHistoryLength: round6(this.historyEvents / Math.max(1, this.sessions)),
      inNetworkShare: round6(this.inNetwork / n),
      postCutoffCandidateShare: round6(this.postCutoffCandidates / n),
      heldOutViewerSessions: this.heldOutViewerSessions,
      meanDwellSeconds: round6(this.dwellSecondsSum / n),
      positives: Object.fromEntries(DISCRETE_ACTIONS.map((a, i) => [a, this.positives[i]!])),
      positiveRates: this.positiveRates(),
    }
  }
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6
}

export interface ManifestInput {
  world: World
  split: SplitPlan
  train: SplitStats
  eval: SplitStats
  seedCounts: { posts: number; engagements: number }
  files: readonly string[]
}

export function buildManifest({ world, split, train, eval: ev, seedCounts, files }: ManifestInput) {
  const { config } = world
  return {
    generatorVersion: GENERATOR_VERSION,
    seed: config.seed,
    preset: config.preset,
    config,
    nowMs: world.nowMs,
    cutoffMs: split.cutoffMs,
    actions: DISCRETE_ACTIONS,
    counts: {
      accounts: world.accounts.length,
      authors: world.accounts.filter((a) => a.isAuthor).length,
      posts: world.posts.length,
      postsAfterCutoff: world.posts.filter((p) => p.createdAtMs >= split.cutoffMs).length,
      follows: world.follows.edgeCount,
      trainUsers: split.trainUsers.length,
      heldOutUsers: split.heldOutUsers.length,
      seedPosts: seedCounts.posts,
      seedEngagements: seedCounts.engagements,
    },
    split: {
      ...split.config,
      cutoffMs: split.cutoffMs,
      heldOutUserIds: split.heldOutUsers.map((i) => world.accounts[i]!.id),
    },
    train: train.summary(),
    eval: ev.summary(),
    files,
  }
}
