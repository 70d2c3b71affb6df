// The multimodal post embedding (seed 000/001's V5 and with-summary embedders), with our post tower
// (edge/models `postTower`, the TypeScript forward pass) as the embedder: the tower reads the post's text
// tokens, media and counts. V5 appends the ASR transcripts to the text; the summary variant embeds the
// summary in place of the text. Sets ctx.multimodalPostEmbedding; the sink after it writes the index.

import { candidateInputOf } from '../../models/candidate-input'
import { embedPosts, postTower } from '../../models/edge-models'
import { RETRIEVAL_LIMITS } from '../../retrieval/retrieval-config'
import { TaskStopExecution } from '../core/task-contract'
import type { GroxPost, TaskContext } from '../core/types'
import type { TaskOptions } from './task'
import { TaskWithPost } from './task-with'
import { workspace } from './task-workspace'

export type PostEmbedder = (ctx: TaskContext, post: GroxPost) => Promise<Float32Array>

/** The post tower, loaded once per isolate from the MODEL_ASSETS binding. */
export const postTowerEmbedder: PostEmbedder = async (ctx, post) => {
  const now = ctx.services.now()
  const [embedding] = embedPosts(await postTower(ctx.services.env), [candidateInputOf(post, false)], now)
  return embedding!
}

export class MultimodalPostEmbedding extends TaskWithPost<number[]> {
  constructor(
    private readonly variant: 'v5' | 'with_summary',
    opts?: TaskOptions,
    private readonly embed: PostEmbedder = postTowerEmbedder,
  ) {
    super(
      variant === 'v5' ? 'task_multimodal_post_embedding_v5' : 'task_multimodal_post_embedding_with_summary',
      opts,
    )
  }

  protected async execWithPost(ctx: TaskContext, post: GroxPost): Promise<number[]> {
    if (post.repostOfId !== undefined) throw new TaskStopExecution('a repost has no content of its own')
    if (post.createdAt < ctx.services.now() - RETRIEVAL_LIMITS.retentionMs) {
      throw new TaskStopExecution('older than the retrieval index keeps')
    }
    let text = post.text
    if (this.variant === 'with_summary') {
      if (!ctx.summary) throw new Error(`no summary for post ${post.id}: the summarizer must run first`)
      text = ctx.summary
    } else {
      text = [post.text, ...workspace(ctx).transcripts].join('\n')
    }
    const embedding = Array.from(await this.embed(ctx, { ...post, text }))
    ctx.multimodalPostEmbedding ??= embedding
    ctx.multimodalPostEmbeddingByModel[this.variant] = embedding
    return embedding
  }
}
