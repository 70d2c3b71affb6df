// TaskGrokUpaActionWithLabels (seed 000): turns the screens' bool metadata into moderation labels on the
// post. Prod only (DisableTaskForNonProd): it changes what every viewer sees. A plain Task, not
// TaskWithPost: no post, no results or no bool metadata end it quietly as SUCCESS so the publish tasks
// after it still run. Upstream's decision tree is a remote service; ours is labelsFromBoolMetadata.
import type { DependencyOutputs } from '../../core/task-contract'
import type { TaskContext } from '../../core/types'
import { DISABLE_FOR_NON_PROD } from '../disable-rules'
import { Task, type TaskOptions } from '../task'
import { countReason } from '../task-metrics'
import { workspace } from '../task-workspace'
import { labelsFromBoolMetadata, setGroxLabels } from './safety-labels'

export interface UpaActionResult {
  appliedLabels: string[]
}

export class GrokUpaActionWithLabels extends Task<UpaActionResult> {
  constructor(opts?: TaskOptions) {
    super('task_grok_upa_action_with_labels', opts, { disableRules: [DISABLE_FOR_NON_PROD] })
  }

  protected async exec(ctx: TaskContext, _deps: DependencyOutputs): Promise<UpaActionResult | undefined> {
    countReason('grok_upa_action_with_labels.total')
    const post = ctx.payload.post
    if (!post || ctx.contentCategories.length === 0) return undefined
    const metadata = workspace(ctx).boolMetadata
    if (!metadata) return undefined
    const appliedLabels = labelsFromBoolMetadata(metadata)
    const [found] = await setGroxLabels(ctx.services.env, [
      { postId: post.id, source: 'upa_action', labels: appliedLabels },
    ])
    if (!found) {
      countReason('grok_upa_action_with_labels.failed')
      return { appliedLabels: [] }
    }
    await ctx.services.sinks.write(post.id, 'upa_action', { appliedLabels })
    if (appliedLabels.length === 0) countReason('grok_upa_action_with_labels.empty')
    for (const label of appliedLabels) countReason('grok_upa_action_with_labels.applied_label', label)
    return { appliedLabels }
  }
}
