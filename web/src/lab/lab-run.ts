// One model-lab run: regenerate the eval set in a worker, then per chosen backend load the graphs, score
// every session, run retrieval and time it all. State lives in signals the view renders; cancel aborts.
import { signal } from '@preact/signals'
import { evaluateReferencesFrom } from '../../../shared/eval/eval-references.ts'
import { evaluateModel } from '../../../shared/eval/evaluate-model.ts'
import type { ScoreSource } from '../../../shared/eval/holdout-kinds.ts'
import type { Pooled } from '../../../shared/eval/ranker-eval.ts'
import { sourceHeadRows } from '../../../shared/eval/source-metrics.ts'
import { DISCRETE_ACTIONS } from '../../../shared/phoenix/actions.ts'
import { loadPhoenixModelRefs } from '../phoenix/phoenix-models'
import { detectCapabilities } from '../pool/backend'
import type { ClassicalResult } from './eval-set.worker'
import { buildEvalSet } from './eval-set-client'
import { LabEngine, type RunTimings } from './lab-engine'
import { loadClassicalBaseline, loadEvalWorld } from './lab-files'
import {
  type BackendLatency,
  LAB_REPORT_FORMAT,
  type LabClassical,
  type LabOptions,
  type LabReport,
} from './lab-report'

export type LabPhase = 'idle' | 'running' | 'done' | 'cancelled' | 'failed'

export const labPhase = signal<LabPhase>('idle')
/** 0..1 over the whole run. */
export const labProgress = signal(0)
export const labStep = signal('')
export const labError = signal<string | null>(null)
export const labReport = signal<LabReport | null>(null)

let controller: AbortController | null = null

export function cancelLab(): void {
  controller?.abort(new DOMException('cancelled by the user', 'AbortError'))
}

function latency(t: RunTimings, candidates: number, posts: number): BackendLatency {
  const hist = t.ms.ranker_history ?? []
  const cand = t.ms.ranker_candidates ?? []
  const rankerSessionMs = hist.map((ms, i) => ms + (cand[i] ?? 0))
  const postTowerBatchMs = t.ms.post_tower ?? []
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0)
  return {
    rankerSessionMs,
    postTowerBatchMs,
    candidatesPerSecond: (candidates * 1000) / Math.max(sum(rankerSessionMs), 1e-9),
    postsPerSecond: (posts * 1000) / Math.max(sum(postTowerBatchMs), 1e-9),
  }
}

/** The classical baseline as models:eval reports it: an extra source by hold-out kind, and its head rows. */
function classicalSource(c: ClassicalResult): ScoreSource | null {
  return 'error' in c ? null : { name: 'classical', probs: c.probs, stride: DISCRETE_ACTIONS.length }
}

function classicalReport(c: ClassicalResult, labels: Pooled['labels'] | undefined): LabClassical {
  if ('error' in c) return { error: c.error }
  const source = { name: 'classical', probs: c.probs, stride: DISCRETE_ACTIONS.length }
  return {
    trainSessions: c.trainSessions,
    trainCandidates: c.trainCandidates,
    heads: labels === undefined ? [] : sourceHeadRows(source, labels),
  }
}

export async function runLab(options: LabOptions): Promise<void> {
  if (labPhase.value === 'running') return
  controller = new AbortController()
  const { signal: abort } = controller
  labPhase.value = 'running'
  labProgress.value = 0
  labError.value = null
  labReport.value = null
  const started = performance.now()
  const share = 0.7 / Math.max(options.providers.length, 1)
  try {
    labStep.value = 'regenerating the world'
    const [world, refs, caps, classical] = await Promise.all([
      loadEvalWorld(),
      loadPhoenixModelRefs(),
      detectCapabilities(),
      loadClassicalBaseline(),
    ])
    const set = await buildEvalSet(
      {
        world,
        classical,
        sessions: options.sessions,
        corpus: options.corpus ?? undefined,
        retrievalUsers: options.retrievalUsers ?? undefined,
      },
      (step, done, total) => {
        labStep.value = step === 'sessions' ? `eval sessions ${done}/${total}` : `regenerating: ${step}`
        const at = { world: 0, posts: 0.15, sessions: 0.2, retrieval: 0.26, references: 0.28 }[step]
        labProgress.value = at + (step === 'sessions' ? 0.08 * (done / total) : 0)
      },
      abort,
    )
    const { data } = set
    const extraSources = [classicalSource(set.classical)].filter((x) => x !== null)
    let labels: Pooled['labels'] | undefined
    const buildSeconds = (performance.now() - started) / 1000
    const backends: LabReport['backends'] = []
    for (const [k, provider] of options.providers.entries()) {
      const base = 0.3 + k * share
      labStep.value = `${provider}: loading the models`
      labProgress.value = base
      const t0 = performance.now()
      const engine = await LabEngine.create(refs, provider, abort)
      try {
        let pooled: Pooled | undefined
        const metrics = await evaluateModel(engine, data, {
          onPooled: (p) => {
            pooled = p
          },
          onSession: (done, total) => {
            labStep.value = `${provider}: ranking session ${done}/${total}`
            labProgress.value = base + share * 0.7 * (done / total)
          },
          onRetrievalUser: (done, total) => {
            labStep.value = `${provider}: retrieval viewer ${done}/${total}`
            labProgress.value = base + share * (0.7 + 0.3 * (done / Math.max(total, 1)))
          },
        })
        if (pooled === undefined) throw new Error('the eval gave no pooled predictions')
        labels = pooled.labels
        labStep.value = `${provider}: references and policy values`
        const references = await evaluateReferencesFrom(set.references, data, pooled, { extraSources })
        backends.push({
          provider,
          graphs: engine.graphs,
          loadMs: engine.loadMs,
          seconds: (performance.now() - t0) / 1000,
          latency: latency(engine.timings, metrics.candidates, data.retrieval.corpus.length),
          metrics,
          references,
        })
      } finally {
        engine.release()
      }
    }
    labReport.value = {
      format: LAB_REPORT_FORMAT,
      options,
      world,
      evalSet: {
        source: data.source,
        sessions: data.sessions.length,
        retrievalUsers: data.retrieval.users.length,
        corpus: data.retrieval.corpus.length,
        buildSeconds,
      },
      device: {
        adapter: caps.adapter,
        crossOriginIsolated: caps.crossOriginIsolated,
        hardwareConcurrency: caps.hardwareConcurrency,
        userAgent: navigator.userAgent,
      },
      backends,
      classical: classicalReport(set.classical, labels),
      startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
      seconds: (performance.now() - started) / 1000,
    }
    labProgress.value = 1
    labStep.value = 'done'
    labPhase.value = 'done'
  } catch (e) {
    if (abort.aborted) {
      labPhase.value = 'cancelled'
      labStep.value = 'cancelled'
    } else {
      labPhase.value = 'failed'
      labError.value = e instanceof Error ? e.message : String(e)
    }
  } finally {
    controller = null
  }
}
