// The services a task reaches the world through, for one engine batch: real loaders, GroxStore sinks and
// dedupe, and a task-outcome counter the engine reports to the dispatcher's stats.
import type { Env } from '../../env'
import type { GroxEnvironment, GroxServices } from '../core/types'
import { onDemandLoaders } from '../loaders/on-demand-loaders'
import { groxDedupe, groxSinks } from '../store/grox-store-client'

/** ENVIRONMENT "production" (what a deploy ships) is prod; "local" is local; anything else dev. */
export function groxEnvironment(env: Env): GroxEnvironment {
  if (env.ENVIRONMENT === 'production') return 'prod'
  if (env.ENVIRONMENT === 'local') return 'local'
  return 'dev'
}

export interface CountingServices extends GroxServices {
  /** "task_name:outcome" -> count, since the services were made. */
  taskCounts: Record<string, number>
}

export function groxServices(env: Env, now: () => number = Date.now): CountingServices {
  const taskCounts: Record<string, number> = {}
  return {
    env,
    environment: groxEnvironment(env),
    now,
    loaders: onDemandLoaders(env),
    sinks: groxSinks(env),
    dedupe: groxDedupe(env),
    taskCounts,
    metrics: {
      task(name, outcome) {
        const key = `${name}:${outcome}`
        taskCounts[key] = (taskCounts[key] ?? 0) + 1
      },
    },
  }
}
