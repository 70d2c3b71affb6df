// The message-queue loader's per-schema payload mapping (seed 001's Kafka loaders: post, embedding
// request, content analysis): a released task message becomes a TaskPayload. Upstream decodes the post
// from the message; our messages carry ids, so the post (and its author) are loaded here, for the whole
// batch at once. A post that is gone leaves `post` unset: tasks that need one stop cleanly.
import type { GroxTaskMessage } from '../core/messages'
import type { GroxContentAnalysis, GroxLoaders, TaskPayload } from '../core/types'
import { STREAM_GENERATORS } from '../generators/stream-generators'

export async function toTaskPayloads(
  messages: readonly GroxTaskMessage[],
  loaders: GroxLoaders,
): Promise<TaskPayload[]> {
  const posts = await loaders.loadPosts(messages.map((m) => m.message.postId))
  const users = await loaders.loadUsers([...posts.values()].map((p) => p.authorId))
  return messages.map((m) => {
    const config = STREAM_GENERATORS[m.stream]
    const post = posts.get(m.message.postId)
    const user = post ? users.get(post.authorId) : undefined
    const payload: TaskPayload = {
      payloadId: m.payloadId,
      attempt: m.attempt,
      // A copy per task, so nothing a plan does leaks into the stream's set.
      eligibilities: [...config.eligibilities],
      deadlineMs: m.deadlineMs,
      taskType: m.stream,
      ...(post ? { post } : {}),
      ...(user ? { user } : {}),
    }
    if (config.schema === 'content_analysis') {
      const analysis: GroxContentAnalysis = m.message.analysis ?? {
        postId: m.message.postId,
        contentCategories: [],
      }
      payload.contentAnalysis = analysis
    }
    return payload
  })
}
