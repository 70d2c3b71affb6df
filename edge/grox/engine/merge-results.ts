// PlanMaster's merge (seed 001, plan_master.py): one TaskResult from every eligible plan's result.
import type { TaskPayload, TaskResult } from '../core/types'

/**
 * First embedding (in plan order), concatenated categories, min start / max finish, reasons joined, AND
 * of success, failed plans' errors joined ("unknown error" when one gave none). No results at all (a
 * payload no plan is eligible for, like the delayed stream's empty set) is a no-op success at `now`,
 * where upstream's min() over nothing would raise.
 */
export function mergeResults(task: TaskPayload, results: readonly TaskResult[], now: number): TaskResult {
  const embedding = results.find((r) => r.multimodalPostEmbedding !== undefined)?.multimodalPostEmbedding
  const success = results.every((r) => r.success)
  return {
    task,
    contentCategories: results.flatMap((r) => r.contentCategories.map((c) => ({ ...c }))),
    startedAt: results.length > 0 ? Math.min(...results.map((r) => r.startedAt)) : now,
    finishedAt: results.length > 0 ? Math.max(...results.map((r) => r.finishedAt)) : now,
    ...(embedding !== undefined ? { multimodalPostEmbedding: embedding } : {}),
    reason: results
      .map((r) => r.reason)
      .filter((r) => r !== '')
      .join('\n'),
    success,
    ...(success
      ? {}
      : {
          error: results
            .filter((r) => !r.success)
            .map((r) => r.error || 'unknown error')
            .join('\n'),
        }),
  }
}
