// Label sampling from the truth. Candidates: one Bernoulli draw per head at the true probability, and a
// dwell time whose threshold sets `dwell` / `not_dwelled`. History events are engagements, so they
// follow upstream's ensure-engaged rule (positives ×2.5, capped at 0.97, at least one forced) unless
// the draw is a negative-feedback event.
import { DISCRETE_ACTIONS, DISCRETE_INDEX, DWELL_CAP_SECONDS } from '../phoenix/actions.ts'
import type { Rng } from './rng.ts'
import { DWELL_SIGMA, DWELL_THRESHOLD_SECONDS } from './truth.ts'

export interface SampledLabels {
  /** Bit i = DISCRETE_ACTIONS[i]. */
  mask: number
  /** Dwell seconds, capped at DWELL_CAP_SECONDS, one decimal. */
  dwellSeconds: number
}

const I = { ...DISCRETE_INDEX }
const DWELL = I.dwell
const NOT_DWELLED = I.not_dwelled
const NEGATIVE_HEADS = [I.not_interested, I.mute_author, I.block_author, I.report] as const
const SPECIAL = new Set<number>([I.dwell, I.not_dwelled, I.post_unexplored, ...NEGATIVE_HEADS])
/** Positive heads other than dwell (which comes from the dwell time). */
const POSITIVE_HEADS: readonly number[] = DISCRETE_ACTIONS.map((_, i) => i).filter((i) => !SPECIAL.has(i))
const ENSURE_ENGAGED_BOOST = 2.5
const ENSURE_ENGAGED_CAP = 0.97
/** Engaged posts hold attention longer than impressions in general. */
const HISTORY_DWELL_SHIFT = 0.5

export function bit(action: number): number {
  return 1 << action
}

function dwellSample(rng: Rng, mu: number): number {
  return Math.exp(mu + DWELL_SIGMA * rng.normal())
}

/** Floored (not rounded) to 0.1 s so `dwell` ⟺ dwellSeconds ≥ the threshold holds on the label too. */
function capped(seconds: number): number {
  return Math.floor(Math.min(seconds, DWELL_CAP_SECONDS) * 10) / 10
}

export function sampleCandidateLabels(rng: Rng, truth: Float64Array, mu: number): SampledLabels {
  let mask = 0
  for (let i = 0; i < DISCRETE_ACTIONS.length; i++) {
    if (i === DWELL || i === NOT_DWELLED) continue
    if (rng.next() < truth[i]!) mask |= bit(i)
  }
  const seconds = dwellSample(rng, mu)
  mask |= seconds >= DWELL_THRESHOLD_SECONDS ? bit(DWELL) : bit(NOT_DWELLED)
  return { mask, dwellSeconds: capped(seconds) }
}

export function sampleHistoryLabels(rng: Rng, truth: Float64Array, mu: number): SampledLabels {
  let negatives = 0
  for (const i of NEGATIVE_HEADS) if (rng.next() < truth[i]!) negatives |= bit(i)
  if (negatives !== 0) return { mask: negatives, dwellSeconds: capped(dwellSample(rng, mu - 1)) }

  const seconds = dwellSample(rng, mu + HISTORY_DWELL_SHIFT)
  let mask = seconds >= DWELL_THRESHOLD_SECONDS ? bit(DWELL) : 0
  let any = false
  for (const i of POSITIVE_HEADS) {
    if (rng.next() < Math.min(ENSURE_ENGAGED_CAP, ENSURE_ENGAGED_BOOST * truth[i]!)) {
      mask |= bit(i)
      any = true
    }
  }
  if (!any) {
    const weights = POSITIVE_HEADS.map((i) => truth[i]!)
    mask |= bit(POSITIVE_HEADS[rng.categorical(weights)]!)
  }
  return { mask, dwellSeconds: capped(seconds) }
}
