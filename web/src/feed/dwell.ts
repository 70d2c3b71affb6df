// Dwell measured from visibility: a post at least half on screen accumulates time; when it leaves the
// screen (or the page is hidden) after at least MIN_DWELL_MS, one `dwell` engagement with that duration
// goes to the edge.
import { recordEngagement } from './engage'

const MIN_DWELL_MS = 1500
const MAX_DWELL_MS = 300_000

export interface DwellTracker {
  observe(node: Element, postId: string): () => void
  /** Milliseconds recorded per post (shown in the post's footer). */
  readonly recorded: Map<string, number>
}

export function createDwellTracker(onRecorded: (postId: string, ms: number) => void): DwellTracker {
  const since = new Map<string, number>()
  const ids = new WeakMap<Element, string>()
  const recorded = new Map<string, number>()

  const flush = (postId: string) => {
    const t0 = since.get(postId)
    since.delete(postId)
    if (t0 === undefined) return
    const ms = Math.min(Math.round(performance.now() - t0), MAX_DWELL_MS)
    if (ms < MIN_DWELL_MS) return
    recorded.set(postId, (recorded.get(postId) ?? 0) + ms)
    recordEngagement(postId, 'dwell', ms).then(
      () => onRecorded(postId, ms),
      () => {}, // dwell is best effort: a failed report must not disturb reading
    )
  }

  const observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        const id = ids.get(e.target)
        if (id === undefined) continue
        if (e.isIntersecting && e.intersectionRatio >= 0.5) since.set(id, since.get(id) ?? performance.now())
        else flush(id)
      }
    },
    { threshold: [0, 0.5] },
  )
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') for (const id of [...since.keys()]) flush(id)
  })

  return {
    recorded,
    observe(node, postId) {
      ids.set(node, postId)
      observer.observe(node)
      return () => {
        flush(postId)
        observer.unobserve(node)
      }
    },
  }
}
