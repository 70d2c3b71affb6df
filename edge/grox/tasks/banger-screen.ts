// TaskBangerScreen (seed 000): the initial banger screen over the topic taxonomy, with the taxonomy cached
// for an hour per isolate. A failed reload keeps the stale topics (never resets them); with no topics at
// all the screen still runs (counted "without_cached_topics"). Topics come from a TopicSource: ours is the
// world's topic list (upstream reads an editable store).

import { TOPICS } from '../../../shared/world/vocab-topics.ts'
import type { GroxClassifiers } from '../classifiers/classifier-backend'
import type { ContentCategoryResult, GroxPost, TaskContext } from '../core/types'
import { classifiersFor } from './classifier-access'
import { postThread } from './post-thread'
import type { TaskOptions } from './task'
import { countReason } from './task-metrics'
import { TaskWithPost } from './task-with'
import { classifiablePost } from './task-workspace'

export const TOPIC_CACHE_TTL_MS = 3_600_000

/** Resolves to the topic list, or null when the fetch failed. */
export type TopicSource = () => Promise<string[] | null>

export const WORLD_TOPICS: TopicSource = async () => [...TOPICS]

export class BangerScreen extends TaskWithPost<ContentCategoryResult[]> {
  private cachedTopics: string[] | undefined
  private cachedAt: number | undefined

  constructor(
    opts?: TaskOptions,
    private readonly topics: TopicSource = WORLD_TOPICS,
    private readonly classifiers?: GroxClassifiers,
  ) {
    super('task_banger_screen', opts, { maxAttempts: 1 })
  }

  private async topicsFor(now: number): Promise<string[] | undefined> {
    if (
      this.cachedTopics === undefined ||
      (this.cachedAt !== undefined && now - this.cachedAt > TOPIC_CACHE_TTL_MS)
    ) {
      countReason('banger_initial_screen.topic_cache', 'new_load')
      const fetched = await this.topics().catch(() => null)
      if (fetched && fetched.length > 0) {
        this.cachedTopics = fetched
        this.cachedAt = now
        countReason('banger_initial_screen.topic_cache', 'new_load_success')
      } else {
        countReason('banger_initial_screen.topic_cache', 'new_load_failure')
      }
    } else {
      countReason('banger_initial_screen.topic_cache', 'cache_hit')
    }
    return this.cachedTopics
  }

  protected async execWithPost(ctx: TaskContext, post: GroxPost): Promise<ContentCategoryResult[]> {
    countReason('banger_initial_screen.total')
    const topics = await this.topicsFor(ctx.services.now())
    countReason(
      topics?.length
        ? 'banger_initial_screen.with_cached_topics'
        : 'banger_initial_screen.without_cached_topics',
    )
    const input = await classifiablePost(ctx, post, await postThread(ctx, post))
    const results = await classifiersFor(ctx, this.classifiers).bangerScreen(input, topics ?? [])
    ctx.contentCategories.push(...results)
    ctx.availableTopics = topics
    const passed = results.some((r) => r.category === 'banger_initial_screen' && r.positive)
    countReason(passed ? 'banger_initial_screen.passed' : 'banger_initial_screen.failed')
    return results
  }
}
