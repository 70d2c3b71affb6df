// Loads a post's author and its ancestors (direct parent and conversation root) with their authors, once
// per task context: the filters and classifiers of a plan share one load (two batched loader calls).
import type { GroxPost, TaskContext } from '../core/types'
import { type PostThread, type ThreadMember, workspace } from './task-workspace'

async function load(ctx: TaskContext, post: GroxPost): Promise<PostThread> {
  const { loaders } = ctx.services
  const ancestorIds: string[] = []
  if (post.replyToId !== undefined) {
    if (post.conversationId !== post.id && post.conversationId !== post.replyToId)
      ancestorIds.push(post.conversationId)
    ancestorIds.push(post.replyToId)
  }
  const posts = ancestorIds.length > 0 ? await loaders.loadPosts(ancestorIds) : new Map<string, GroxPost>()
  const authorIds = new Set<string>([post.authorId])
  for (const id of ancestorIds) {
    const authorId = posts.get(id)?.authorId ?? (id === post.replyToId ? post.replyToUserId : undefined)
    if (authorId !== undefined) authorIds.add(authorId)
  }
  const payloadUser = ctx.payload.user?.id === post.authorId ? ctx.payload.user : undefined
  const users = await loaders.loadUsers([...authorIds].filter((id) => id !== payloadUser?.id))
  if (payloadUser) users.set(payloadUser.id, payloadUser)
  const ancestors: ThreadMember[] = ancestorIds.map((postId) => {
    const p = posts.get(postId)
    const authorId = p?.authorId ?? (postId === post.replyToId ? post.replyToUserId : undefined)
    const author = authorId === undefined ? undefined : users.get(authorId)
    return { postId, ...(p ? { post: p } : {}), ...(author ? { author } : {}) }
  })
  const author = users.get(post.authorId)
  return { ...(author ? { author } : {}), ancestors }
}

export function postThread(ctx: TaskContext, post: GroxPost): Promise<PostThread> {
  const ws = workspace(ctx)
  ws.thread ??= load(ctx, post)
  return ws.thread
}
