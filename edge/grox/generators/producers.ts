// The producers of Grox's sources: post creation (from the post-ingest consumer, once the post is applied),
// engagement milestones (min traction, popular, deluxe; counted where engagements are applied) and
// embedding requests (every new post with content of its own). Each becomes a "fye-grox" message.
import type { ThunderPostInput } from '../../../shared/types/api/thunder.ts'
import type { Env } from '../../env'
import type { CountDelta } from '../../posts/post-record'
import type { GroxSourceMessage } from '../core/messages'
import { countEngagements } from '../store/grox-store-client'
import { milestoneSource } from '../store/milestones'

/** A created post feeds the post stream and asks for its embedding; a repost has no content to analyse. */
export function messagesForCreatedPost(post: ThunderPostInput, now: number): GroxSourceMessage[] {
  if (post.repostOfId !== undefined) return []
  return [
    { source: 'posts', postId: post.postId, sentAt: now },
    { source: 'embedding_requests', postId: post.postId, sentAt: now },
  ]
}

export async function sendToGrox(env: Env, messages: readonly GroxSourceMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 100) {
    await env.GROX.sendBatch(messages.slice(i, i + 100).map((body) => ({ body })))
  }
}

/**
 * Counts new engagements per post and sends a message for each milestone crossed now. Views do not make
 * traction. Best effort: a failure is logged and costs the milestone, never the engagement write.
 */
export async function emitEngagementMilestones(env: Env, deltas: readonly CountDelta[], now = Date.now()) {
  const counted = deltas
    .map((d) => ({
      postId: d.postId,
      favorites: d.counts.favorite ?? 0,
      engagements:
        (d.counts.favorite ?? 0) + (d.counts.reply ?? 0) + (d.counts.repost ?? 0) + (d.counts.quote ?? 0),
    }))
    .filter((d) => d.engagements > 0)
  if (counted.length === 0) return
  try {
    const crossings = await countEngagements(env, counted)
    await sendToGrox(
      env,
      crossings.map((c) => ({ source: milestoneSource(c.milestone), postId: c.postId, sentAt: now })),
    )
  } catch (err) {
    console.error('grox: engagement milestones not recorded:', err)
  }
}
