// Measures the trained ranker on a small held-out slice once, for the weight controls' policy value: the
// model lab's eval-set worker regenerates the first N eval sessions and the held-out viewers' policy
// sessions, the lab's engine scores them on WASM (the ranker's two graphs only), and the predictions are
// kept. Each weight change then only re-runs the ranking pipeline over them (feed-policy-value.ts).
import { signal } from '@preact/signals'
import { predictSessions } from '../../../shared/eval/ranker-eval.ts'
import type { RankingParams } from '../../../shared/ranking/ranking-params.ts'
import { buildEvalSet } from '../lab/eval-set-client'
import { LabEngine } from '../lab/lab-engine'
import { loadEvalWorld } from '../lab/lab-files'
import { loadPhoenixModelRefs } from '../phoenix/phoenix-models'
import { type FeedPolicyValues, feedPolicyValues, type MeasuredSlice } from './feed-policy-value'

export type MeasureState = 'idle' | 'measuring' | 'ready' | 'failed'

export const measureState = signal<MeasureState>('idle')
export const measureStep = signal('')
export const measureError = signal<string | null>(null)
export const measured = signal<MeasuredSlice | null>(null)
export const policyValue = signal<FeedPolicyValues | null>(null)

/** The smallest retrieval task the eval set allows: the policy value does not read it. */
const RETRIEVAL = { corpus: 100, retrievalUsers: 1 }

export async function measurePolicySlice(evalSessions: number): Promise<void> {
  if (measureState.value === 'measuring') return
  measureState.value = 'measuring'
  measureError.value = null
  const abort = new AbortController()
  try {
    measureStep.value = 'regenerating the world and the eval sessions'
    const [world, refs] = await Promise.all([loadEvalWorld(), loadPhoenixModelRefs()])
    const set = await buildEvalSet(
      { world, sessions: evalSessions, ...RETRIEVAL, classical: { error: 'not used here' } },
      (step, done, total) => {
        measureStep.value = step === 'sessions' ? `eval sessions ${done}/${total}` : `regenerating: ${step}`
      },
      abort.signal,
    )
    measureStep.value = 'loading the ranker (WASM)'
    const engine = await LabEngine.create(refs, 'wasm', abort.signal, ['rankerHistory', 'rankerCandidates'])
    try {
      const pooled = await predictSessions(engine, set.data, (done) => {
        measureStep.value = `scoring session ${done}/${evalSessions}`
      })
      policyValue.value = null
      measured.value = {
        policy: set.references.policy,
        probs: pooled.probs,
        dwellSeconds: pooled.dwellSeconds,
        evalSessions,
      }
    } finally {
      engine.release()
    }
    measureStep.value = ''
    measureState.value = 'ready'
  } catch (e) {
    measureError.value = e instanceof Error ? e.message : String(e)
    measureState.value = 'failed'
  }
}

let latest = 0

/** Re-values the measured slice at these weights; a later call wins over an earlier one still running. */
export async function revalue(params: RankingParams): Promise<void> {
  const slice = measured.value
  if (slice === null) return
  const call = ++latest
  const values = await feedPolicyValues(slice, params)
  if (call === latest) policyValue.value = values
}
