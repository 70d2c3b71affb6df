// The engine (seed 002's engine process) as the "fye-grox-tasks" consumer: each released task becomes a
// TaskPayload (per-schema mapping, posts and authors loaded for the batch), runs through PlanMaster, all
// concurrently; the results go back to the dispatcher in one call, and the messages are acked after it took
// them. Any exception in a run is a failed result (the dispatcher retries it), never a lost task.
import type { Env } from '../../env'
import { groxTaskMessageSchema } from '../core/messages'
import { parseBatch } from '../core/parse-batch'
import type { TaskPayload } from '../core/types'
import { type GroxDispatcher, groxDispatcher } from '../dispatcher/grox-dispatcher'
import { toTaskPayloads } from '../loaders/message-mapping'
import { defaultPlanMaster } from './default-plan-master'
import type { EngineReport } from './engine-report'
import { groxServices } from './grox-services'
import type { PlanMaster } from './plan-master'

export async function consumeGroxTasks(
  batch: MessageBatch<unknown>,
  env: Env,
  planMaster: PlanMaster = defaultPlanMaster(),
  dispatcher: DurableObjectStub<GroxDispatcher> = groxDispatcher(env),
): Promise<void> {
  const parsed = await parseBatch(batch, groxTaskMessageSchema, env)
  if (parsed.length === 0) return
  try {
    const payloads = await toTaskPayloads(
      parsed.map((p) => p.body),
      groxServices(env).loaders,
    )
    const reports = await Promise.all(
      payloads.map((p, i) => runTask(env, planMaster, p, parsed[i]!.body.message.postId)),
    )
    await dispatcher.complete(reports)
    for (const { msg } of parsed) msg.ack()
  } catch (err) {
    // Nothing reached the dispatcher: redelivery runs the tasks again (sinks keep the first write).
    console.error('grox: engine batch failed:', err)
    for (const { msg } of parsed) msg.retry({ delaySeconds: Math.min(60, 2 ** msg.attempts) })
  }
}

/** One task through PlanMaster; an exception becomes a failed result, as upstream's engine does. */
export async function runTask(
  env: Env,
  planMaster: PlanMaster,
  payload: TaskPayload,
  postId: string,
): Promise<EngineReport> {
  const services = groxServices(env)
  const startedAt = services.now()
  const base = { payloadId: payload.payloadId, stream: payload.taskType!, attempt: payload.attempt }
  try {
    const run = await planMaster.exec(payload, services)
    return {
      ...base,
      postId,
      success: run.result.success,
      ...(run.result.error ? { error: run.result.error } : {}),
      expired: run.expired,
      plans: run.plans,
      labels: run.result.contentCategories,
      embedded: run.result.multimodalPostEmbedding !== undefined,
      taskCounts: services.taskCounts,
      startedAt: run.result.startedAt,
      finishedAt: run.result.finishedAt,
    }
  } catch (err) {
    return {
      ...base,
      postId,
      success: false,
      error: err instanceof Error ? err.message : String(err),
      expired: false,
      plans: [],
      labels: [],
      embedded: false,
      taskCounts: services.taskCounts,
      startedAt,
      finishedAt: services.now(),
    }
  }
}
