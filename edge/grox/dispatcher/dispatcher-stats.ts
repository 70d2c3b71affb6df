// The dispatcher's part of GET /v1/admin/grox/stats: per stream and plan, queued / in flight / succeeded /
// skipped / failed / dead-lettered, per-task outcomes and the most recent labels.
import { STREAM_TYPES, type StreamType } from '../core/types'
import { STREAM_GENERATORS } from '../generators/stream-generators'
import { PLAN_DEFINITIONS } from '../plans/plan-definitions'
import type { DispatcherConfig } from './dispatcher-config'
import { counters, type RecentLabel, recentLabels } from './dispatcher-tables'

export interface StreamStats {
  weight: number
  maxQps: number
  queued: number
  inFlight: number
  enqueued: number
  succeeded: number
  /** Acked without work: deadline expired, or every eligible plan skipped. */
  skipped: number
  expired: number
  /** Failed attempts (each retried one counts). */
  failed: number
  deadLettered: number
  redriven: number
}

export interface PlanStats {
  /** Tasks waiting / released on the streams whose eligibilities include this plan's (it will run for them). */
  queued: number
  inFlight: number
  succeeded: number
  skipped: number
  failed: number
  /** Tasks dead-lettered after this plan failed on their last attempt (a lost run names no plan). */
  deadLettered: number
}

export interface DispatcherStats {
  draining: boolean
  inFlight: number
  maxInFlight: number
  maxAttempts: number
  streams: Record<StreamType, StreamStats>
  plans: Record<string, PlanStats>
  tasks: Record<string, Record<string, number>>
  /** Results for a task no longer in flight at that attempt (duplicate deliveries, late after a lease). */
  staleResults: number
  deadLetters: number
  recentLabels: RecentLabel[]
}

export function buildStats(sql: SqlStorage, config: DispatcherConfig, draining: boolean): DispatcherStats {
  const live: Record<string, { queued: number; in_flight: number }> = {}
  for (const r of sql.exec<{ stream: string; state: 'queued' | 'in_flight'; n: number }>(
    'SELECT stream, state, COUNT(*) AS n FROM tasks GROUP BY stream, state',
  )) {
    const entry = live[r.stream] ?? { queued: 0, in_flight: 0 }
    entry[r.state] = r.n
    live[r.stream] = entry
  }
  const perStream = counters(sql, 'stream')
  const streams = Object.fromEntries(
    STREAM_TYPES.map((s) => {
      const c = perStream[s] ?? {}
      const stats: StreamStats = {
        weight: STREAM_GENERATORS[s].weight,
        maxQps: STREAM_GENERATORS[s].maxQps,
        queued: live[s]?.queued ?? 0,
        inFlight: live[s]?.in_flight ?? 0,
        enqueued: c.enqueued ?? 0,
        succeeded: c.succeeded ?? 0,
        skipped: c.skipped ?? 0,
        expired: c.expired ?? 0,
        failed: c.failed ?? 0,
        deadLettered: c.dead_lettered ?? 0,
        redriven: c.redriven ?? 0,
      }
      return [s, stats]
    }),
  ) as Record<StreamType, StreamStats>
  const perPlan = counters(sql, 'plan')
  const names = new Set([...PLAN_DEFINITIONS.map((d) => d.name), ...Object.keys(perPlan)])
  const plans = Object.fromEntries(
    [...names].map((plan) => {
      const c = perPlan[plan] ?? {}
      const eligibility = PLAN_DEFINITIONS.find((d) => d.name === plan)?.requiredEligibility
      const feeding = STREAM_TYPES.filter(
        (s) => eligibility !== undefined && STREAM_GENERATORS[s].eligibilities.includes(eligibility),
      )
      const stats: PlanStats = {
        queued: feeding.reduce((n, s) => n + (live[s]?.queued ?? 0), 0),
        inFlight: feeding.reduce((n, s) => n + (live[s]?.in_flight ?? 0), 0),
        succeeded: c.succeeded ?? 0,
        skipped: c.skipped ?? 0,
        failed: c.failed ?? 0,
        deadLettered: c.dead_lettered ?? 0,
      }
      return [plan, stats]
    }),
  )
  return {
    draining,
    inFlight: Object.values(live).reduce((n, l) => n + l.in_flight, 0),
    maxInFlight: config.maxInFlight,
    maxAttempts: config.maxAttempts,
    streams,
    plans,
    tasks: counters(sql, 'task'),
    staleResults: counters(sql, 'dispatcher').results?.stale ?? 0,
    deadLetters: sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM dead').one().n,
    recentLabels: recentLabels(sql),
  }
}
