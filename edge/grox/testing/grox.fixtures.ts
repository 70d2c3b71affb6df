// Test helpers for the executor and engine tests: test-only tasks that record what they saw, and services
// whose loaders/sinks are in-memory (the integration tests use the real Durable Objects instead).
import { env } from 'cloudflare:workers'
import type { Env } from '../../env'
import type { DependencyOutputs, GroxTask, TaskOutcome } from '../core/task-contract'
import type { GroxServices, TaskContext, TaskEligibility, TaskPayload } from '../core/types'

export interface TaskLog {
  order: string[]
  seen: Record<string, DependencyOutputs>
}

export function taskLog(): TaskLog {
  return { order: [], seen: {} }
}

/** A task that logs its start, waits `delayMs`, then does what `behaviour` says. */
export function testTask(
  name: string,
  log: TaskLog,
  behaviour: (ctx: TaskContext, deps: DependencyOutputs) => TaskOutcome | Promise<TaskOutcome> = () => ({
    status: 'success',
    output: `${name}:out`,
  }),
  delayMs = 0,
): GroxTask {
  return {
    name,
    async run(ctx, deps) {
      log.order.push(name)
      log.seen[name] = deps
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs))
      return behaviour(ctx, deps)
    },
  }
}

export interface TestServices extends GroxServices {
  counts: Map<string, number>
  written: Map<string, unknown>
}

export function testServices(now: () => number = Date.now): TestServices {
  const counts = new Map<string, number>()
  const written = new Map<string, unknown>()
  return {
    env: env as unknown as Env,
    environment: 'dev',
    now,
    counts,
    written,
    loaders: {
      loadPost: async () => null,
      loadPosts: async () => new Map(),
      loadUser: async () => null,
      loadUsers: async () => new Map(),
      loadUserRecentPosts: async () => [],
      loadReplyRankingScore: async () => null,
    },
    sinks: {
      async write(postId, sink, value) {
        const key = `${postId}/${sink}`
        if (written.has(key)) return false
        written.set(key, value)
        return true
      },
    },
    dedupe: { claim: async () => true },
    metrics: {
      task(name, outcome) {
        const key = `${name}:${outcome}`
        counts.set(key, (counts.get(key) ?? 0) + 1)
      },
    },
  }
}

export function payload(eligibilities: TaskEligibility[], extra: Partial<TaskPayload> = {}): TaskPayload {
  return { payloadId: crypto.randomUUID(), attempt: 0, eligibilities, ...extra }
}
