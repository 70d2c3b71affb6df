// The post as readers get it: the stored view plus, for a quote and a reply, whether the post it points at
// can still be read (a deleted one is `available: false`; the reference itself stays, as on X).
import type { PostView } from '../../shared/types/api/posts.ts'
import type { Env } from '../env'
import { lookupPosts } from './post-client'
import { type PostRecord, toPostView } from './post-record'

/** One batch lookup for all the references of `records`. */
export async function postViews(env: Env, records: readonly PostRecord[]): Promise<PostView[]> {
  const refs = records.flatMap((r) => [r.quoteOfId, r.replyToId]).filter((id) => id !== undefined)
  const live = refs.length > 0 ? await lookupPosts(env, refs) : new Map<string, PostRecord>()
  const reference = (id: string) => ({ id, available: live.has(id) })
  return records.map((r) => ({
    ...toPostView(r),
    ...(r.quoteOfId !== undefined ? { quoted: reference(r.quoteOfId) } : {}),
    ...(r.replyToId !== undefined ? { parent: reference(r.replyToId) } : {}),
  }))
}
