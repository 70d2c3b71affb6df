// Keeps the Phoenix engine's predictions per (viewer history, time, post), so the feed can re-rank with new
// weights locally: the ranking pipeline runs again, the model does not (no pool run, no edge call).
import { DISCRETE_ACTIONS } from '../../../shared/phoenix/actions.ts'
import type { PhoenixScoreEngine, PhoenixScores } from '../../../shared/ranking/score-engine.ts'
import type { FeedCandidate, FeedViewer } from '../../../shared/types/feed.ts'

const HEADS = DISCRETE_ACTIONS.length

interface Prediction {
  probs: Float32Array
  dwellSeconds: number
}

/** A viewer's history changes with every engagement: predictions made for an older history are not reused. */
function viewerKey(viewer: FeedViewer, nowMs: number): string {
  const last = viewer.history.at(-1)
  return `${viewer.userId}:${viewer.history.length}:${last?.postId ?? ''}:${last?.engagedAtMs ?? ''}:${nowMs}`
}

export class CachedScoreEngine implements PhoenixScoreEngine {
  private readonly predictions = new Map<string, Prediction>()
  /** Candidates the inner engine actually scored (the specs read it: a re-rank adds none). */
  modelRuns = 0

  constructor(private readonly inner: PhoenixScoreEngine) {}

  get name(): string {
    return this.inner.name
  }

  async score(
    viewer: FeedViewer,
    candidates: readonly FeedCandidate[],
    nowMs: number,
  ): Promise<PhoenixScores> {
    const key = viewerKey(viewer, nowMs)
    const missing = candidates.filter((c) => !this.predictions.has(`${key}|${c.postId}`))
    if (missing.length > 0) {
      const scored = await this.inner.score(viewer, missing, nowMs)
      this.modelRuns += missing.length
      missing.forEach((c, i) => {
        this.predictions.set(`${key}|${c.postId}`, {
          probs: scored.probs.slice(i * HEADS, (i + 1) * HEADS),
          dwellSeconds: scored.dwellSeconds[i] ?? 0,
        })
      })
    }
    const probs = new Float32Array(candidates.length * HEADS)
    const dwellSeconds = new Float32Array(candidates.length)
    candidates.forEach((c, i) => {
      const p = this.predictions.get(`${key}|${c.postId}`)
      if (!p) throw new Error(`no prediction for post ${c.postId}`)
      probs.set(p.probs, i * HEADS)
      dwellSeconds[i] = p.dwellSeconds
    })
    return { probs, dwellSeconds }
  }
}
