// Post creation shared by POST /v1/posts and the admin bulk ingest: resolve the referenced posts, write the
// core data (with each new post's event in its shard's outbox), then send every event not yet confirmed.

import type { IngestPost } from '../../shared/types/api/posts.ts'
import type { ThunderPostInput } from '../../shared/types/api/thunder.ts'
import type { Post } from '../../shared/types/post.ts'
import { definedFields } from '../../shared/util/defined.ts'
import { postNotFound } from '../domain-error'
import type { Env } from '../env'
import { snowflakeAt } from '../ids/snowflake'
import type { PostCreatedEvent } from '../queue/post-events'
import { lookupPosts, storePosts } from './post-client'
import { type CreateOutcome, type PostRecord, ZERO_COUNTS } from './post-record'

/** A post to create: what the ingest schema accepts, with `id` optional (the store assigns one). */
export type NewPost = Omit<IngestPost, 'id'> & Partial<Pick<IngestPost, 'id'>>

type RefField = 'replyToId' | 'quoteOfId' | 'repostOfId'

/** Strict (user API): a referenced post must exist. Lenient (bulk ingest): unknown references are kept. */
export interface CreateOptions {
  strictRefs: boolean
}

const isOriginal = (p: PostRecord) => p.replyToId === undefined && p.repostOfId === undefined

const hasVideo = (p: Post) => p.media.some((m) => m.type === 'video')

function thunderFacts(r: Post, parent?: PostRecord, source?: PostRecord): ThunderPostInput {
  return definedFields({
    postId: r.id,
    authorId: r.authorId,
    createdAt: r.createdAt,
    replyToPostId: r.replyToId,
    replyToUserId: r.replyToUserId,
    conversationId: r.conversationId,
    repostOfId: r.repostOfId,
    repostOfUserId: r.repostOfUserId,
    hasVideo: hasVideo(r),
    source: source && { hasVideo: hasVideo(source), isReply: source.replyToId !== undefined },
    parent:
      parent &&
      definedFields({
        createdAt: parent.createdAt,
        isOriginal: isOriginal(parent),
        replyToPostId: parent.replyToId,
      }),
  })
}

function buildRecord(p: NewPost, known: Map<string, PostRecord>, opts: CreateOptions): PostRecord {
  const ref = (field: RefField): PostRecord | undefined => {
    const id = p[field]
    if (id === undefined) return undefined
    const found = known.get(id)
    if (found === undefined && opts.strictRefs) throw postNotFound(id, field)
    return found
  }
  const parent = ref('replyToId')
  const quoted = ref('quoteOfId')
  const source = ref('repostOfId')
  const id = p.id ?? snowflakeAt(p.createdAt)
  const base: Post = definedFields({
    id,
    authorId: p.authorId,
    text: p.text,
    createdAt: p.createdAt,
    replyToId: p.replyToId,
    replyToUserId: parent?.authorId,
    quoteOfId: p.quoteOfId,
    quoteOfUserId: quoted?.authorId,
    repostOfId: p.repostOfId,
    repostOfUserId: source?.authorId,
    conversationId: parent ? parent.conversationId : (p.replyToId ?? id),
    media: p.media,
    subscriberOnly: p.subscriberOnly,
    language: p.language,
    counts: p.counts ?? { ...ZERO_COUNTS },
  })
  return { ...base, thunder: thunderFacts(base, parent, source) }
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

/**
 * Sends post.created for every post whose event the consumer has not confirmed: new posts, and existing
 * ones whose event was lost (a re-ingest thus repairs them at once instead of waiting for the outbox alarm).
 * A send that fails or is lost is covered by the outbox, so nothing is marked here.
 */
export async function publishCreated(env: Env, outcomes: readonly CreateOutcome[]): Promise<number> {
  const pending = outcomes.filter((o) => o.pending && o.status !== 'deleted')
  for (let i = 0; i < pending.length; i += 100) {
    const events = pending
      .slice(i, i + 100)
      .map((o): PostCreatedEvent => ({ type: 'post.created', post: o.thunder }))
    await env.POST_INGEST.sendBatch(events.map((body) => ({ body })))
  }
  return pending.length
}
