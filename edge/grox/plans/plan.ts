// The DAG executor (seed 001, plans/plan.py): a plan names its tasks and what each waits on; execute()
// starts every task at once, each awaiting one deferred per depended-on task, so the runtime's scheduler
// does the topological order. SKIPPED cascades downstream, an exception fails its dependants and the plan,
// and deferreds still pending at the end are cancelled.
import { type GroxTask, type TaskRegistry, TaskStopExecution } from '../core/task-contract'
import {
  type GroxServices,
  TaskContext,
  type TaskEligibility,
  type TaskPayload,
  type TaskResult,
} from '../core/types'

export interface PlanDefinition {
  /** snake_case, e.g. "plan_initial_banger" (metrics and stats key). */
  name: string
  requiredEligibility: TaskEligibility
  /** Plan-local task name -> registry name (upstream's TASKS: name -> Task class). */
  tasks: Readonly<Record<string, string>>
  /** Plan-local task name -> the plan-local names it waits on (upstream's TASK_DEPENDENCIES). */
  dependencies: Readonly<Record<string, readonly string[]>>
}

export type TaskRunState = 'success' | 'skipped' | 'failed' | 'not_run'

/** What one plan did for one task payload (our addition: the stats route counts it). */
export interface PlanOutcome {
  plan: string
  status: 'succeeded' | 'skipped' | 'failed'
  tasks: Record<string, TaskRunState>
}

export interface PlanExecution {
  result: TaskResult
  outcome: PlanOutcome
}

const SKIPPED = Symbol('skipped')
type Settled = { output: unknown } | typeof SKIPPED

/** Rejects the awaiters of a future nobody will set (upstream's fut.cancel()). */
export class CancelledError extends Error {
  override name = 'CancelledError'
}

interface Deferred {
  promise: Promise<Settled>
  resolve(v: Settled): void
  reject(e: unknown): void
  done: boolean
}

function deferred(): Deferred {
  let resolve!: (v: Settled) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<Settled>((res, rej) => {
    resolve = res
    reject = rej
  })
  // An unawaited rejected future must not surface as an unhandled rejection.
  promise.catch(() => {})
  const d: Deferred = {
    promise,
    done: false,
    resolve: (v) => {
      d.done = true
      resolve(v)
    },
    reject: (e) => {
      d.done = true
      reject(e)
    },
  }
  return d
}

export class Plan {
  readonly name: string
  readonly requiredEligibility: TaskEligibility
  /** Every task some other task waits on: only these get a future. */
  readonly deps: ReadonlySet<string>
  private readonly tasks: ReadonlyMap<string, GroxTask>

  /** Validates the graph against itself and the registry now, so a typo fails at startup, not per task. */
  constructor(
    private readonly def: PlanDefinition,
    registry: TaskRegistry,
  ) {
    this.name = def.name
    this.requiredEligibility = def.requiredEligibility
    this.deps = new Set(Object.values(def.dependencies).flat())
    const undeclared = [...this.deps, ...Object.keys(def.dependencies)].filter((t) => !(t in def.tasks))
    if (undeclared.length > 0) {
      throw new Error(
        `${def.name}: not every task in its dependencies is defined in its tasks: ${[...new Set(undeclared)].join(', ')}`,
      )
    }
    const missing = Object.values(def.tasks).filter((r) => registry[r] === undefined)
    if (missing.length > 0) throw new Error(`${def.name}: tasks not in the registry: ${missing.join(', ')}`)
    assertAcyclic(def)
    this.tasks = new Map(Object.entries(def.tasks).map(([local, reg]) => [local, registry[reg]!]))
  }

  eligible(payload: TaskPayload): boolean {
    return payload.eligibilities.includes(this.requiredEligibility)
  }

  /** null when the payload is not eligible for this plan. */
  async execute(payload: TaskPayload, services: GroxServices): Promise<PlanExecution | null> {
    if (!this.eligible(payload)) return null
    const futures = new Map([...this.deps].map((t) => [t, deferred()]))
    const ctx = new TaskContext(payload, services)
    const states: Record<string, TaskRunState> = Object.fromEntries(
      [...this.tasks.keys()].map((t) => [t, 'not_run' as TaskRunState]),
    )
    const runs = [...this.tasks.keys()].map((t) => this.executeTask(t, ctx, futures, states))
    try {
      await Promise.all(runs)
    } catch (err) {
      ctx.errors.push(err instanceof Error ? err : new Error(String(err)))
    } finally {
      for (const fut of futures.values()) if (!fut.done) fut.reject(new CancelledError('plan finished'))
      // Unlike asyncio.gather, wait for tasks already running: a Worker must not leave a sink write behind.
      await Promise.allSettled(runs)
      futures.clear()
    }
    const success = ctx.errors.length === 0
    const anySkipped = Object.values(states).includes('skipped')
    return {
      result: {
        task: payload,
        startedAt: ctx.startedAt,
        finishedAt: services.now(),
        contentCategories: ctx.contentCategories.map((c) => ({ ...c })),
        ...(ctx.multimodalPostEmbedding ? { multimodalPostEmbedding: ctx.multimodalPostEmbedding } : {}),
        reason: ctx.reason,
        success,
        ...(success ? {} : { error: ctx.errors.map((e) => e.message).join('\n') }),
      },
      outcome: {
        plan: this.name,
        status: success ? (anySkipped ? 'skipped' : 'succeeded') : 'failed',
        tasks: states,
      },
    }
  }

  private async executeTask(
    name: string,
    ctx: TaskContext,
    futures: Map<string, Deferred>,
    states: Record<string, TaskRunState>,
  ): Promise<void> {
    const depNames = this.def.dependencies[name] ?? []
    const depResults = await Promise.all(depNames.map((d) => futures.get(d)!.promise))
    const own = futures.get(name)
    if (depResults.some((r) => r === SKIPPED)) {
      states[name] = 'skipped'
      own?.resolve(SKIPPED)
      return
    }
    const task = this.tasks.get(name)!
    const outputs: Record<string, unknown> = {}
    depNames.forEach((d, i) => {
      outputs[this.def.tasks[d]!] = (depResults[i] as { output: unknown }).output
    })
    let settled: Settled
    try {
      const outcome = await task.run(ctx, outputs)
      settled = outcome.status === 'skipped' ? SKIPPED : { output: outcome.output }
    } catch (err) {
      if (!(err instanceof TaskStopExecution)) {
        states[name] = 'failed'
        ctx.services.metrics.task(task.name, 'failed')
        own?.reject(err)
        throw err
      }
      settled = SKIPPED
    }
    states[name] = settled === SKIPPED ? 'skipped' : 'success'
    ctx.services.metrics.task(task.name, states[name] === 'skipped' ? 'skipped' : 'success')
    own?.resolve(settled)
  }
}

/** A cycle would leave its tasks waiting forever; refuse it at construction. */
function assertAcyclic(def: PlanDefinition): void {
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (t: string, path: string[]): void => {
    if (state.get(t) === 'done') return
    if (state.get(t) === 'visiting')
      throw new Error(`${def.name}: dependency cycle ${[...path, t].join(' -> ')}`)
    state.set(t, 'visiting')
    for (const d of def.dependencies[t] ?? []) visit(d, [...path, t])
    state.set(t, 'done')
  }
  for (const t of Object.keys(def.tasks)) visit(t, [])
}
