// TaskSafetyPtosCategoryDetection (seed 000): the broad, cheap pass — which PTOS categories the post may
// violate — standard or deluxe by stream. Stores the annotations on the context for the policy pass.

import type { GroxClassifiers } from '../classifiers/classifier-backend'
import type { GroxPost, SafetyPostAnnotations, TaskContext } from '../core/types'
import { classifiersFor } from './classifier-access'
import { postThread } from './post-thread'
import type { TaskOptions } from './task'
import { countReason } from './task-metrics'
import { TaskWithPost } from './task-with'
import { classifiablePost } from './task-workspace'

export function isDeluxe(ctx: TaskContext): boolean {
  return ctx.payload.taskType === 'safety_ptos_deluxe_stream'
}

export class SafetyPtosCategoryDetection extends TaskWithPost<SafetyPostAnnotations> {
  constructor(
    opts?: TaskOptions,
    private readonly classifiers?: GroxClassifiers,
  ) {
    super('task_safety_ptos_category_detection', opts)
  }

  protected async execWithPost(ctx: TaskContext, post: GroxPost): Promise<SafetyPostAnnotations> {
    const deluxe = isDeluxe(ctx)
    const prefix = deluxe ? 'safety_ptos_deluxe_category' : 'safety_ptos_category'
    const input = await classifiablePost(ctx, post, await postThread(ctx, post))
    const annotations = await classifiersFor(ctx, this.classifiers).ptosCategories(input, deluxe)
    ctx.safetyAnnotations = annotations
    countReason(`${prefix}.classified`)
    const violations = annotations.violatedPolicies
    countReason(violations.length > 0 ? `${prefix}.has_violations` : `${prefix}.no_violations`)
    for (const v of violations) countReason(`${prefix}.violations_by_category`, v.category)
    return annotations
  }
}
