// Runs one async component hook with its timeout, turning throws, rejections and expiry into values so
// that one component's failure never escapes into the others.
import type { MetricsSink } from './metrics.ts'
import type { ComponentContext } from './stage-types.ts'
import type { ComponentOutcome } from './trace.ts'

export type Guarded<T> =
  | { ok: true; value: T; notes?: Record<string, number> }
  | { ok: false; outcome: Exclude<ComponentOutcome, 'ok'>; error: string; notes?: Record<string, number> }

export class ComponentTimeoutError extends Error {
  constructor(ms: number) {
    super(`timed out after ${ms} ms`)
    this.name = 'ComponentTimeoutError'
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

export async function runGuarded<T>(
  hook: (ctx: ComponentContext) => Promise<T>,
  timeoutMs: number | undefined,
  metrics: MetricsSink,
): Promise<Guarded<T>> {
  const controller = new AbortController()
  let notes: Record<string, number> | undefined
  const ctx: ComponentContext = {
    signal: controller.signal,
    metrics,
    note(key, value) {
      notes ??= {}
      notes[key] = value
    },
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    const work = Promise.resolve(hook(ctx))
    if (timeoutMs === undefined) return { ok: true, value: await work, notes }
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new ComponentTimeoutError(timeoutMs)
        controller.abort(err)
        reject(err)
      }, timeoutMs)
    })
    // The losing promise may still reject later; swallow it so it is never an unhandled rejection.
    work.catch(() => {})
    return { ok: true, value: await Promise.race([work, expired]), notes }
  } catch (e) {
    const outcome = e instanceof ComponentTimeoutError ? 'timed_out' : 'failed'
    return { ok: false, outcome, error: errorMessage(e), notes }
  } finally {
    if (timer !== undefined) clearTimeout(timer)
  }
}
