// What the engine tells the dispatcher about one task run: the dispatcher's ack/retry decision needs only
// `success`; the rest feeds the stats (per plan, per task, recent labels).
import type { ContentCategoryResult, StreamType } from '../core/types'
import type { PlanOutcome } from '../plans/plan'

export interface EngineReport {
  payloadId: string
  stream: StreamType
  attempt: number
  postId: string
  success: boolean
  error?: string
  /** Past its deadline when the engine got it: nothing ran. */
  expired: boolean
  plans: PlanOutcome[]
  labels: ContentCategoryResult[]
  embedded: boolean
  taskCounts: Record<string, number>
  startedAt: number
  finishedAt: number
}
