// TaskSafetyPtosPolicyDetection (seed 000): one policy call per flagged category. In deluxe mode an
// AdultContent recheck is injected when the category pass did not flag it (score 50, a safety-leaning
// second look); if the policy pass finds no violation, the injected entry is removed again, so a false
// alarm leaves no trace. Without category annotations there is nothing to do (SUCCESS, as upstream).

import type { GroxClassifiers } from '../classifiers/classifier-backend'
import { NO_VIOLATION } from '../classifiers/classifier-backend'
import type { GroxPost, SafetyViolatedPolicy, TaskContext } from '../core/types'
import { classifiersFor } from './classifier-access'
import { postThread } from './post-thread'
import { isDeluxe } from './safety-ptos-category'
import type { TaskOptions } from './task'
import { countReason } from './task-metrics'
import { TaskWithPost } from './task-with'
import { classifiablePost } from './task-workspace'

export const ADULT_CONTENT_RECHECK_REASON = 'adult content recheck'

export class SafetyPtosPolicyDetection extends TaskWithPost<SafetyViolatedPolicy[]> {
  constructor(
    opts?: TaskOptions,
    private readonly classifiers?: GroxClassifiers,
  ) {
    super('task_safety_ptos_policy_detection', opts)
  }

  protected async execWithPost(
    ctx: TaskContext,
    post: GroxPost,
  ): Promise<SafetyViolatedPolicy[] | undefined> {
    if (!ctx.safetyAnnotations) return undefined
    const deluxe = isDeluxe(ctx)
    const prefix = deluxe ? 'safety_ptos_deluxe_policy' : 'safety_ptos_policy'
    const classifiers = classifiersFor(ctx, this.classifiers)
    const input = await classifiablePost(ctx, post, await postThread(ctx, post))
    const violations = ctx.safetyAnnotations.violatedPolicies.map((v) => ({ ...v }))
    let recheck: SafetyViolatedPolicy | undefined
    if (deluxe && !violations.some((v) => v.category === 'AdultContent')) {
      recheck = { category: 'AdultContent', reason: ADULT_CONTENT_RECHECK_REASON, score: 50 }
      violations.push(recheck)
    }
    for (const v of violations) {
      v.safetyPolicy = await classifiers.ptosPolicy(input, v, deluxe)
      countReason(`${prefix}.classified_total`)
      countReason(`${prefix}.policy_types`, v.category, v.safetyPolicy.policyType)
    }
    const kept =
      recheck && (!recheck.safetyPolicy || recheck.safetyPolicy.policyType === NO_VIOLATION)
        ? violations.filter((v) => v !== recheck)
        : violations
    ctx.safetyAnnotations.violatedPolicies = kept
    return kept
  }
}
