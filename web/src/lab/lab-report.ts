// The model lab's result, as shown and as exported (JSON): the eval set, the device, and per backend the
// metrics and references (shared/eval, the code `npm run models:eval` reports with) and the run latencies.
import type { WorldInfo } from '../../../shared/eval/eval-data.ts'
import type { EvalReferences } from '../../../shared/eval/eval-references.ts'
import type { ModelEvalResult } from '../../../shared/eval/evaluate-model.ts'
import type { SourceHeadRow } from '../../../shared/eval/source-metrics.ts'
import type { AdapterSummary, Provider } from '../pool/types'

export const LAB_REPORT_FORMAT = 'for-you-edge/model-lab@1'

export interface LabOptions {
  /** The first N held-out eval sessions. */
  sessions: number
  /** Retrieval corpus sampled to this many posts; null: the whole eval window. */
  corpus: number | null
  /** At most this many held-out retrieval viewers; null: all in the sessions. */
  retrievalUsers: number | null
  providers: Provider[]
}

export interface BackendLatency {
  /** Per session: ranker_history + ranker_candidates wall ms (page → worker → page). */
  rankerSessionMs: number[]
  /** Per post-tower batch: wall ms. */
  postTowerBatchMs: number[]
  candidatesPerSecond: number
  postsPerSecond: number
}

export interface BackendRun {
  provider: Provider
  /** The provider each graph ran on (all on the run's provider: no fallback). */
  graphs: Record<string, Provider>
  loadMs: number
  seconds: number
  latency: BackendLatency
  metrics: ModelEvalResult
  /** Plug-in ceiling, hold-out kinds and policy values with this backend's predictions (eval-references.ts). */
  references: EvalReferences
}

/** The classical baseline per head (models:eval's `classical`), or why the stored coefficients do not apply. */
export type LabClassical =
  | { trainSessions: number; trainCandidates: number; heads: SourceHeadRow[] }
  | { error: string }

export interface LabReport {
  format: typeof LAB_REPORT_FORMAT
  options: LabOptions
  world: WorldInfo
  evalSet: { source: string; sessions: number; retrievalUsers: number; corpus: number; buildSeconds: number }
  device: {
    adapter: AdapterSummary | null
    crossOriginIsolated: boolean
    hardwareConcurrency: number
    userAgent: string
  }
  backends: BackendRun[]
  classical: LabClassical
  startedAt: string
  seconds: number
}

/** JSON with NaN/±∞ as null (metricsJson's convention). */
export function labReportJson(r: LabReport): string {
  return `${JSON.stringify(r, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`
}
