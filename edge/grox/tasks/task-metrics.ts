// Per-task counters (seed 000's task.exec.* metrics with a task_name attribute) and the filters' skip
// reasons, per isolate. The engine's stats route reads `taskMetricsSnapshot()` beside its own
// success/skipped/failed counts; the names follow upstream's metric names without the "task." prefix.

export interface TaskCounters {
  /** Attempts started (seed: task.exec.count, once per try). */
  exec: number
  /** Attempts that passed the disable rules and the skip check (task.exec.intaken.count). */
  intaken: number
  skipped: number
  failed: number
  success: number
}

const counters = new Map<string, TaskCounters>()
const reasons = new Map<string, number>()

export function countTask(name: string, key: keyof TaskCounters): void {
  const c = counters.get(name) ?? { exec: 0, intaken: 0, skipped: 0, failed: 0, success: 0 }
  counters.set(name, c)
  c[key]++
}

/** A named reason counter, e.g. `filter.skipped/spam_detection/not_reply` or `asr.skipped/no_audio_stream`. */
export function countReason(metric: string, ...attributes: string[]): void {
  const key = [metric, ...attributes].join('/')
  reasons.set(key, (reasons.get(key) ?? 0) + 1)
}

export function taskMetricsSnapshot(): {
  tasks: Record<string, TaskCounters>
  reasons: Record<string, number>
} {
  return {
    tasks: Object.fromEntries([...counters].map(([k, v]) => [k, { ...v }])),
    reasons: Object.fromEntries(reasons),
  }
}

export function taskCounters(name: string): TaskCounters {
  return { ...(counters.get(name) ?? { exec: 0, intaken: 0, skipped: 0, failed: 0, success: 0 }) }
}

export function reasonCount(metric: string, ...attributes: string[]): number {
  return reasons.get([metric, ...attributes].join('/')) ?? 0
}
