// The one write path for engagements, whoever sends them (POST /v1/users/{id}/engagements and
// POST /v1/admin/ingest/engagements): check each (engagement-rules.ts), record it in the user's object
// (durable idempotency keys, state actions once per post: engagement-state.ts), then move the post counters
// and apply the relations of the new ones only, so a resent batch changes nothing.
import type { DiscreteAction } from '../../shared/phoenix/actions.ts'
import type { EngagementCounts } from '../../shared/types/post.ts'
import { DomainError, postNotFound, userNotFound } from '../domain-error'
import type { Env } from '../env'
import { emitEngagementMilestones } from '../grox/generators/producers'
import { mapLimit } from '../ids/map-limit'
import { addCounts, lookupPosts } from '../posts/post-client'
import type { CountDelta, PostRecord } from '../posts/post-record'
import { ACTION_RULES, checkEngagement } from './engagement-rules'
import { setRelation } from './relation-service'
import type { EngagementEntry } from './user-activity'
import { userState } from './user-state'

/** User objects one call talks to at once (as the other bulk routes). */
const USERS_AT_ONCE = 16

export interface EngagementWrite {
  userId: string
  postId: string
  action: DiscreteAction
  at: number
  dwellMs?: number | undefined
  /** Idempotency key; `postId:action:at` when the sender gives none. */
  key?: string | undefined
  /** Where it sits in the request, for errors: `engagements.3`. */
  field: string
}

export interface WriteOptions {
  /** Strict (user route): unknown posts and users are 404. Lenient (admin ingest): see below. */
  strictRefs: boolean
  /** The referenced posts when the caller looked them up already. */
  known?: ReadonlyMap<string, PostRecord>
  now?: number
}

/**
 * Lenient mode is the bulk loader's, like post ingest's: an engagement on a post not stored yet is taken
 * with the clock bounds only (its counter waits in the post store for the post: post-counts.ts), and users
 * without a profile are skipped. On a stored post it is exactly the user route's path.
 */
export async function writeEngagements(env: Env, writes: readonly EngagementWrite[], opts: WriteOptions) {
  const now = opts.now ?? Date.now()
  const posts = await checkEngagementWrites(env, writes, opts, now)
  const fresh: FreshEngagement[] = []
  await mapLimit([...entriesByUser(writes)], USERS_AT_ONCE, async ([userId, entries]) => {
    const added = await userState(env, userId).recordEngagements(entries)
    if (added === null && opts.strictRefs) throw userNotFound(userId)
    for (const entry of added ?? []) fresh.push({ userId, entry })
  })
  await applyEngagementEffects(env, fresh, posts, opts.strictRefs, now)
  return { added: fresh.length, duplicates: writes.length - fresh.length }
}

/** An engagement a user's object took as new (not a replay of its idempotency key). */
export interface FreshEngagement {
  userId: string
  entry: EngagementEntry
}

/** Looks up the referenced posts and checks every write against them; throws the first refusal. */
export async function checkEngagementWrites(
  env: Env,
  writes: readonly EngagementWrite[],
  opts: WriteOptions,
  now: number,
): Promise<ReadonlyMap<string, PostRecord>> {
  const posts =
    opts.known ??
    (await lookupPosts(
      env,
      writes.map((w) => w.postId),
    ))
  for (const w of writes) {
    const post = posts.get(w.postId)
    if (post === undefined && opts.strictRefs) throw postNotFound(w.postId, `${w.field}.postId`)
    checkEngagement(w, w.userId, post, now, w.field)
  }
  return posts
}

/** The writes as each user's object records them (the idempotency key filled in). */
export function entriesByUser(writes: readonly EngagementWrite[]): Map<string, EngagementEntry[]> {
  const byUser = new Map<string, EngagementEntry[]>()
  for (const { userId, field: _, key, ...e } of writes) {
    const entries = byUser.get(userId) ?? []
    entries.push({ ...e, key: key ?? `${e.postId}:${e.action}:${e.at}` })
    byUser.set(userId, entries)
  }
  return byUser
}

/** What new engagements change outside their users' objects: post counters, milestones, relations. */
export async function applyEngagementEffects(
  env: Env,
  fresh: readonly FreshEngagement[],
  posts: ReadonlyMap<string, PostRecord>,
  strictRefs: boolean,
  now: number,
): Promise<void> {
  const deltas = countDeltas(fresh.map((f) => f.entry))
  if (deltas.length > 0) {
    await addCounts(env, deltas)
    await emitEngagementMilestones(env, deltas, now)
  }
  await applyRelations(env, fresh, posts, strictRefs)
}

/** Post counter deltas of new engagements (favorite, and dwell as a view). */
function countDeltas(added: readonly EngagementEntry[]): CountDelta[] {
  const byPost = new Map<string, Partial<EngagementCounts>>()
  for (const e of added) {
    const counter = ACTION_RULES[e.action].counter
    if (counter === undefined) continue
    const counts = byPost.get(e.postId) ?? {}
    counts[counter] = (counts[counter] ?? 0) + 1
    byPost.set(e.postId, counts)
  }
  return [...byPost].map(([postId, counts]) => ({ postId, counts }))
}

/**
 * follow_author, block_author and mute_author also apply the relation to the post's author, as the
 * relation routes do. Lenient mode skips one that cannot apply (an author without a profile yet).
 */
async function applyRelations(
  env: Env,
  fresh: readonly FreshEngagement[],
  posts: ReadonlyMap<string, PostRecord>,
  strict: boolean,
): Promise<void> {
  for (const { userId, entry } of fresh) {
    const kind = ACTION_RULES[entry.action].relation
    const authorId = posts.get(entry.postId)?.authorId
    if (kind === undefined || authorId === undefined) continue
    // Bulk loads send a follow_author's follow with the user's follows: when it is already there, nothing
    // would change, and asking the author's object first would wake it only to read its profile.
    if (!strict && kind === 'following' && (await userState(env, userId).follows(authorId))) continue
    try {
      await setRelation(env, userId, kind, authorId, true)
    } catch (err) {
      if (strict || !(err instanceof DomainError)) throw err
    }
  }
}

/** Undoes a favorite (or another state action): true when it was on; the counter moves back once. */
export async function endEngagementState(
  env: Env,
  userId: string,
  action: DiscreteAction,
  postId: string,
): Promise<boolean> {
  const ended = await userState(env, userId).endEngagementState(action, postId)
  if (ended === null) throw userNotFound(userId)
  const counter = ACTION_RULES[action].counter
  if (ended && counter !== undefined) await addCounts(env, [{ postId, counts: { [counter]: -1 } }])
  return ended
}
