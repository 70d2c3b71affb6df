// Post creation shared by POST /v1/posts and the admin bulk ingest: resolve the referenced posts, write the
// core data, then publish an ingest event for every post whose event is not yet out.

import type { PostView } from '../../shared/types/api/posts.ts'
import type { ThunderPostInput } from '../../shared/types/api/thunder.ts'
import type { EngagementCounts } from '../../shared/types/domain.ts'
import { ApiError } from '../api/errors'
import type { Env } from '../env'
import { snowflakeAt } from '../ids/snowflake'
import type { PostCreatedEvent } from '../queue/post-events'
import { lookupPosts, markPublished, storePosts } from './post-client'
import { type CreateOutcome, type NewPostRecord, type PostRecord, ZERO_COUNTS } from './post-record'

export interface NewPost {
  id?: string | undefined
  authorId: string
  text: string
  createdAt: number
  replyToId?: string | undefined
  quoteOfId?: string | undefined
  repostOfId?: string | undefined
  media: PostView['media']
  subscriberOnly: boolean
  language: string
  counts?: EngagementCounts | undefined
}

type RefField = 'replyToId' | 'quoteOfId' | 'repostOfId'

/** Strict (user API): a referenced post must exist. Lenient (bulk ingest): unknown references are kept. */
export interface CreateOptions {
  strictRefs: boolean
}

const isOriginal = (p: PostRecord) => p.replyToId === undefined && p.repostOfId === undefined

function thunderFacts(r: Omit<NewPostRecord, 'thunder'>, parent?: PostRecord, source?: PostRecord) {
  const facts: ThunderPostInput = {
    postId: r.id,
    authorId: r.authorId,
    createdAt: r.createdAt,
    conversationId: r.conversationId,
    hasVideo: r.media.some((m) => m.type === 'video'),
  }
  if (r.replyToId !== undefined) facts.replyToPostId = r.replyToId
  if (r.replyToUserId !== undefined) facts.replyToUserId = r.replyToUserId
  if (r.repostOfId !== undefined) facts.repostOfId = r.repostOfId
  if (r.repostOfUserId !== undefined) facts.repostOfUserId = r.repostOfUserId
  if (source) {
    facts.source = {
      hasVideo: source.media.some((m) => m.type === 'video'),
      isReply: source.replyToId !== undefined,
    }
  }
  if (parent) {
    facts.parent = { createdAt: parent.createdAt, isOriginal: isOriginal(parent) }
    if (parent.replyToId !== undefined) facts.parent.replyToPostId = parent.replyToId
  }
  return facts
}

function buildRecord(p: NewPost, known: Map<string, PostRecord>, opts: CreateOptions): PostRecord {
  const ref = (field: RefField): PostRecord | undefined => {
    const id = p[field]
    if (id === undefined) return undefined
    const found = known.get(id)
    if (found === undefined && opts.strictRefs)
      throw new ApiError(404, 'post_not_found', `post ${id} not found`, field)
    return found
  }
  const parent = ref('replyToId')
  const quoted = ref('quoteOfId')
  const source = ref('repostOfId')
  const id = p.id ?? snowflakeAt(p.createdAt)
  const base: Omit<NewPostRecord, 'thunder'> = {
    id,
    authorId: p.authorId,
    text: p.text,
    createdAt: p.createdAt,
    conversationId: parent ? parent.conversationId : (p.replyToId ?? id),
    media: p.media,
    subscriberOnly: p.subscriberOnly,
    language: p.language,
    counts: p.counts ?? { ...ZERO_COUNTS },
  }
  if (p.replyToId !== undefined) base.replyToId = p.replyToId
  if (parent) base.replyToUserId = parent.authorId
  if (p.quoteOfId !== undefined) base.quoteOfId = p.quoteOfId
  if (quoted) base.quoteOfUserId = quoted.authorId
  if (p.repostOfId !== undefined) base.repostOfId = p.repostOfId
  if (source) base.repostOfUserId = source.authorId
  return { ...base, thunder: thunderFacts(base, parent, source), published: false }
}

/**
 * Writes posts (oldest first, so a parent in the same batch is known to its replies) and publishes their
 * ingest events. Returns one outcome per input, in input order.
 */
export async function createPosts(env: Env, posts: readonly NewPost[], opts: CreateOptions) {
  const refIds = posts.flatMap((p) => [p.replyToId, p.quoteOfId, p.repostOfId]).filter((x) => x !== undefined)
  const known = await lookupPosts(env, refIds)
  const order = posts.map((p, i) => ({ p, i })).sort((a, b) => a.p.createdAt - b.p.createdAt)
  const records: PostRecord[] = new Array(posts.length)
  for (const { p, i } of order) {
    const record = buildRecord(p, known, opts)
    records[i] = record
    known.set(record.id, record)
  }
  const outcomes = await storePosts(env, records)
  const published = await publishCreated(env, outcomes)
  const byId = new Map(outcomes.map((o) => [o.id, o]))
  return { items: records.map((r) => ({ record: r, outcome: byId.get(r.id) })), published }
}

/** Sends post.created for every outcome not yet published, then marks them (at-least-once). */
export async function publishCreated(env: Env, outcomes: readonly CreateOutcome[]): Promise<number> {
  const pending = outcomes.filter((o) => !o.published && o.status !== 'deleted')
  for (let i = 0; i < pending.length; i += 100) {
    const events = pending
      .slice(i, i + 100)
      .map(
        (o): PostCreatedEvent => ({ type: 'post.created', eventId: `post.created:${o.id}`, post: o.thunder }),
      )
    await env.POST_INGEST.sendBatch(events.map((body) => ({ body })))
  }
  if (pending.length > 0)
    await markPublished(
      env,
      pending.map((o) => o.id),
    )
  return pending.length
}
