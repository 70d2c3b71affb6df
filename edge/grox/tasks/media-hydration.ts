// Media hydration (seed 000's task_media.py). Upstream downloads and decodes images and video frames; our
// posts carry media descriptors only (type, video duration), so hydration prepares those for the tasks
// after it: videos clipped to the 360-minute processing limit, GIFs marked (no audio). Two registry names,
// as upstream, so banger/safety volume is counted apart from the rest.
import type { GroxPost, TaskContext } from '../core/types'
import type { TaskOptions } from './task'
import { countReason } from './task-metrics'
import { TaskWithPost } from './task-with'
import { type HydratedMedia, workspace } from './task-workspace'

export const VIDEO_DURATION_LIMIT_MS = 360 * 60_000

export function hydrateMedia(post: GroxPost): HydratedMedia[] {
  return post.media.map((m, index) =>
    m.type === 'video'
      ? { index, type: 'video', processedDurationMs: Math.min(m.durationMs, VIDEO_DURATION_LIMIT_MS) }
      : { index, type: m.type },
  )
}

export class MediaHydration extends TaskWithPost<HydratedMedia[]> {
  constructor(
    name: 'task_media_hydration' | 'task_media_hydration_banger' = 'task_media_hydration',
    opts?: TaskOptions,
  ) {
    super(name, opts)
  }

  protected async execWithPost(ctx: TaskContext, post: GroxPost): Promise<HydratedMedia[]> {
    countReason(`${this.name}.total`)
    const media = hydrateMedia(post)
    workspace(ctx).media = media
    countReason(`${this.name}.passed`)
    return media
  }
}
