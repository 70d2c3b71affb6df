// Post creation shared by POST /v1/posts and the admin bulk ingest: resolve the referenced posts (a
// reference to a repost means its original), write the core data (with each new post's event in its
// shard's outbox), link replies, quotes and reposts to their parents (which moves the parents' counts and
// keeps one repost per user and original), then send every event not yet confirmed.

import type { IngestPost } from '../../shared/types/api/posts.ts'
import type { Post } from '../../shared/types/post.ts'
import { definedFields } from '../../shared/util/defined.ts'
import { postNotFound } from '../domain-error'
import type { Env } from '../env'
import { snowflakeAt } from '../ids/snowflake'
import type { PostCreatedEvent } from '../queue/post-events'
import { requireVisibleReferences } from '../visibility/visibility-guards'
import type { ChildLink } from './post-children'
import { linkChildren, lookupPosts, storePosts, unlinkChildren } from './post-client'
import { type CreateOutcome, type PostRecord, ZERO_COUNTS } from './post-record'
import { thunderFacts } from './thunder-facts'

/** A post to create: what the ingest schema accepts, with `id` optional (the store assigns one). */
export type NewPost = Omit<IngestPost, 'id'> & Partial<Pick<IngestPost, 'id'>>

type RefField = 'replyToId' | 'quoteOfId' | 'repostOfId'
const REF_FIELDS: readonly RefField[] = ['replyToId', 'quoteOfId', 'repostOfId']

/** Strict (user API): a referenced post must exist. Lenient (bulk ingest): unknown references are kept. */
export interface CreateOptions {
  strictRefs: boolean
}

/** A reference to a repost is a reference to its original (X shows and counts the original). */
function pointAtOriginals(p: NewPost, known: ReadonlyMap<string, PostRecord>): NewPost {
  const out = { ...p }
  for (const field of REF_FIELDS) {
    const original = known.get(p[field] ?? '')?.repostOfId
    if (original !== undefined) out[field] = original
  }
  return out
}

function buildRecord(input: NewPost, known: Map<string, PostRecord>, opts: CreateOptions): PostRecord {
  const p = pointAtOriginals(input, known)
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
    conversationId: parent ? parent.conversationId : source ? source.conversationId : (p.replyToId ?? id),
    media: p.media,
    // Readers of a repost see the original, under the original's audience.
    subscriberOnly: source?.subscriberOnly ?? p.subscriberOnly,
    language: source?.language ?? p.language,
    counts: p.counts ?? { ...ZERO_COUNTS },
  })
  return { ...base, thunder: thunderFacts(base, parent, source) }
}

/** The referenced posts, and the originals of referenced reposts. */
async function referencedPosts(env: Env, posts: readonly NewPost[]): Promise<Map<string, PostRecord>> {
  const ids = posts.flatMap((p) => REF_FIELDS.map((f) => p[f])).filter((x) => x !== undefined)
  const known = await lookupPosts(env, ids)
  const originals = [...known.values()].flatMap((r) =>
    r.repostOfId !== undefined && !known.has(r.repostOfId) ? [r.repostOfId] : [],
  )
  for (const [id, r] of await lookupPosts(env, originals)) known.set(id, r)
  return known
}

function childLink(r: PostRecord, kind: ChildLink['kind'], parentId: string): ChildLink {
  return { parentId, kind, childId: r.id, userId: r.authorId, createdAt: r.createdAt }
}

/**
 * Claims each repost's slot on its original's shard: a user who already reposts the original gets that
 * repost back (same id and time), so the record is rebuilt under it. Reposts of unknown posts (lenient
 * ingest) are kept as they are; a source deleted since the lookup is not found.
 */
async function claimReposts(
  env: Env,
  reposts: readonly { input: NewPost; record: PostRecord }[],
  known: Map<string, PostRecord>,
  opts: CreateOptions,
): Promise<PostRecord[]> {
  const linkable = reposts.filter(({ record }) => known.has(record.repostOfId ?? ''))
  const outcomes = await linkChildren(
    env,
    linkable.map(({ record }) => childLink(record, 'repost', record.repostOfId ?? '')),
  )
  return reposts.map(({ input, record }) => {
    const claim = outcomes.get(record.id)
    if (claim === undefined) return record
    if (claim.status === 'parent_gone') {
      if (opts.strictRefs) throw postNotFound(record.repostOfId ?? '', 'repostOfId')
      return record
    }
    if (claim.childId === record.id) return record
    return buildRecord({ ...input, id: claim.childId, createdAt: claim.createdAt }, known, opts)
  })
}

/**
 * Writes posts (oldest first, so a parent in the same batch is known to its replies; reposts after the
 * rest, so their originals are stored when the slot is claimed) and publishes their ingest events.
 * Returns one item per input, in input order; `replaced` marks a repost answered by the user's existing one.
 */
export async function createPosts(env: Env, posts: readonly NewPost[], opts: CreateOptions) {
  const known = await referencedPosts(env, posts)
  if (opts.strictRefs) await requireVisibleReferences(env, posts, known)
  const order = posts.map((p, i) => ({ p, i })).sort((a, b) => a.p.createdAt - b.p.createdAt)
  const records: PostRecord[] = new Array(posts.length)
  for (const { p, i } of order) {
    const record = buildRecord(p, known, opts)
    records[i] = record
    known.set(record.id, record)
  }
  const isRepost = (i: number) => records[i]?.repostOfId !== undefined
  const indices = posts.map((_, i) => i)
  const outcomes = await storePosts(
    env,
    indices.filter((i) => !isRepost(i)).map((i) => records[i] as PostRecord),
  )
  const repostIndices = indices.filter(isRepost)
  const claimed = await claimReposts(
    env,
    repostIndices.map((i) => ({ input: posts[i] as NewPost, record: records[i] as PostRecord })),
    known,
    opts,
  )
  const replaced = new Set<number>()
  repostIndices.forEach((i, k) => {
    const record = claimed[k] as PostRecord
    if (record.id !== records[i]?.id) replaced.add(i)
    records[i] = record
  })
  // Two reposts of one original by one user in a batch claim one slot: store it once.
  outcomes.push(...(await storePosts(env, [...new Map(claimed.map((r) => [r.id, r])).values()])))
  const byId = new Map(outcomes.map((o) => [o.id, o]))
  await linkReferences(env, records, known, byId)
  const published = await publishCreated(env, outcomes)
  return {
    items: records.map((r, i) => ({ record: r, outcome: byId.get(r.id), replaced: replaced.has(i) })),
    published,
  }
}

/**
 * Replies and quotes count on their known parents (idempotent: a re-ingest links nothing twice). A post
 * found deleted (re-ingested after its delete) is unlinked instead, which also frees a repost's slot.
 */
async function linkReferences(
  env: Env,
  records: readonly PostRecord[],
  known: Map<string, PostRecord>,
  outcomes: ReadonlyMap<string, CreateOutcome>,
) {
  const live = records.filter((r) => outcomes.get(r.id)?.status !== 'deleted')
  const links = live.flatMap((r) => [
    ...(r.replyToId !== undefined && known.has(r.replyToId) ? [childLink(r, 'reply', r.replyToId)] : []),
    ...(r.quoteOfId !== undefined && known.has(r.quoteOfId) ? [childLink(r, 'quote', r.quoteOfId)] : []),
  ])
  if (links.length > 0) await linkChildren(env, links)
  const gone = records.filter((r) => outcomes.get(r.id)?.status === 'deleted')
  if (gone.length > 0) await unlinkChildren(env, gone.flatMap(contentLinks))
}

/** The links a post makes to the posts it points at (what its delete undoes). */
export function contentLinks(r: Post): Pick<ChildLink, 'parentId' | 'kind' | 'childId'>[] {
  const link = (kind: ChildLink['kind'], parentId: string | undefined) =>
    parentId === undefined ? [] : [{ parentId, kind, childId: r.id }]
  return [...link('reply', r.replyToId), ...link('quote', r.quoteOfId), ...link('repost', r.repostOfId)]
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
