// What tasks of one plan run hand each other beyond TaskContext's fields (upstream mutates its Post
// object in place: media bytes, transcripts, ancestors, recent posts). Kept per context in a WeakMap so
// core/types.ts stays the small shared contract.

import type { ClassifiablePost, PostBoolMetadata } from '../classifiers/classifier-backend'
import type { GroxPost, GroxUser, TaskContext } from '../core/types'

/** A post's media as the media hydration task prepared it. */
export interface HydratedMedia {
  index: number
  type: 'image' | 'video' | 'gif'
  /** Videos only, clipped to the 360-minute processing limit. */
  processedDurationMs?: number
}

export interface ThreadMember {
  postId: string
  post?: GroxPost
  author?: GroxUser
}

export interface PostThread {
  author?: GroxUser
  /** Upstream order: [root, …, direct parent]; a reply to a root has one entry, an original none. */
  ancestors: ThreadMember[]
}

export interface TaskWorkspace {
  thread?: Promise<PostThread>
  media?: HydratedMedia[]
  transcripts: string[]
  recentPosts?: GroxPost[]
  boolMetadata?: PostBoolMetadata
}

const workspaces = new WeakMap<TaskContext, TaskWorkspace>()

export function workspace(ctx: TaskContext): TaskWorkspace {
  const ws = workspaces.get(ctx) ?? { transcripts: [] }
  workspaces.set(ctx, ws)
  return ws
}

/** The post and everything loaded around it, as the classifiers take it. */
export async function classifiablePost(
  ctx: TaskContext,
  post: GroxPost,
  thread: PostThread,
): Promise<ClassifiablePost> {
  const ws = workspace(ctx)
  return {
    post,
    ...(thread.author ? { author: thread.author } : {}),
    ancestors: thread.ancestors
      .filter((a) => a.post)
      .map((a) => ({ post: a.post!, ...(a.author ? { author: a.author } : {}) })),
    transcripts: ws.transcripts,
    ...(ctx.summary ? { summary: ctx.summary } : {}),
  }
}
