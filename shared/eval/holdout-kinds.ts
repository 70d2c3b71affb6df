// Metrics by hold-out kind. An eval candidate is "new viewer" when its session's viewer is held out of
// training entirely, and "new post" when the post was created at or after the cutoff (training sessions
// are all served before it, so such a post never appears there). The four kinds partition the candidates.
import { DISCRETE_ACTIONS } from '../phoenix/actions.ts'
import type { EvalData } from './eval-data.ts'
import { auc, normalizedEntropy } from './metrics.ts'

export const HOLDOUT_KINDS = ['new viewer & new post', 'new viewer only', 'new post only', 'neither'] as const
export type HoldoutKind = (typeof HOLDOUT_KINDS)[number]

const A = DISCRETE_ACTIONS.length

export function holdoutKind(newViewer: boolean, newPost: boolean): number {
  return newViewer ? (newPost ? 0 : 1) : newPost ? 2 : 3
}

/** Kind index (into HOLDOUT_KINDS) of every candidate, pooled in session and candidate order. */
export function candidateKinds(data: EvalData, heldOutViewers: ReadonlySet<string>): Uint8Array {
  const kinds: number[] = []
  for (const s of data.sessions) {
    const newViewer = heldOutViewers.has(s.userId)
    for (const [postId] of s.candidates) {
      const post = data.posts.get(postId)
      if (post === undefined) throw new Error(`post ${postId} is not in the posts file`)
      kinds.push(holdoutKind(newViewer, post.createdAtMs >= data.world.cutoffMs))
    }
  }
  return Uint8Array.from(kinds)
}

/** A scorer's pooled probabilities, row-major with `stride` values per candidate (head h at column h). */
export interface ScoreSource {
  name: string
  probs: ArrayLike<number>
  stride: number
}

export interface KindCell {
  kind: HoldoutKind
  candidates: number
  positives: number
  /** Per source name. NaN when the kind has no positives or no negatives. */
  auc: Record<string, number>
  ne: Record<string, number>
}

export interface KindHeadRow {
  head: string
  kinds: KindCell[]
}

/** AUC and NE of every source, per head and hold-out kind; labels are pooled [candidates × A] bits. */
export function kindRows(
  sources: readonly ScoreSource[],
  labels: ArrayLike<number>,
  kinds: Uint8Array,
  heads: readonly string[] = DISCRETE_ACTIONS,
): KindHeadRow[] {
  const members: number[][] = HOLDOUT_KINDS.map(() => [])
  for (const [i, k] of kinds.entries()) members[k]!.push(i)
  return heads.map((head) => {
    const h = DISCRETE_ACTIONS.indexOf(head as (typeof DISCRETE_ACTIONS)[number])
    if (h < 0) throw new Error(`unknown head ${head}`)
    return {
      head,
      kinds: HOLDOUT_KINDS.map((kind, k): KindCell => {
        const idx = members[k]!
        const y = Float64Array.from(idx, (i) => labels[i * A + h]!)
        const cell: KindCell = {
          kind,
          candidates: idx.length,
          positives: y.reduce((a, b) => a + b, 0),
          auc: {},
          ne: {},
        }
        for (const s of sources) {
          const p = Float64Array.from(idx, (i) => s.probs[i * s.stride + h]!)
          cell.auc[s.name] = auc(p, y)
          cell.ne[s.name] = normalizedEntropy(p, y)
        }
        return cell
      }),
    }
  })
}
