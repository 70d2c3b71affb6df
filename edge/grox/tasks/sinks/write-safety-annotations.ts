// TaskWriteSafetyPostAnnotationsResultSink (PTOS plan): the policy pass's annotations into GroxStore, and
// the labels they stand for into post core data, one label list per mode (standard, deluxe). A clean
// verdict writes an empty list, which removes labels an earlier run of the same mode set.
import type { GroxPost, TaskContext } from '../../core/types'
import { isDeluxe } from '../safety-ptos-category'
import type { TaskOptions } from '../task'
import { TaskWithPost } from '../task-with'
import type { SinkOutcome } from './annotation-sinks'
import { labelsFromPolicies, setGroxLabels } from './safety-labels'

export class WriteSafetyPostAnnotationsSink extends TaskWithPost<SinkOutcome & { labels: string[] }> {
  constructor(opts?: TaskOptions) {
    super('task_write_safety_post_annotations_sink', opts)
  }

  protected async execWithPost(
    ctx: TaskContext,
    post: GroxPost,
  ): Promise<SinkOutcome & { labels: string[] }> {
    const source = isDeluxe(ctx) ? 'safety_ptos_deluxe' : 'safety_ptos'
    const violatedPolicies = ctx.safetyAnnotations?.violatedPolicies ?? []
    const labels = labelsFromPolicies(violatedPolicies)
    await setGroxLabels(ctx.services.env, [{ postId: post.id, source, labels }])
    const written = await ctx.services.sinks.write(post.id, source, { violatedPolicies, labels })
    return { sink: source, written, labels }
  }
}
