// User operations that span objects: handle claims, follower counts, post counters.
import type { RelationKind, UserView } from '../../shared/types/api/users.ts'
import type { EngagementCounts } from '../../shared/types/domain.ts'
import { DomainError, userNotFound } from '../domain-error'
import type { Env } from '../env'
import { addCounts } from '../posts/post-client'
import type { CountDelta } from '../posts/post-record'
import type { ProfileWrite } from './handle-change'
import type { EngagementEntry } from './user-activity'
import type { ProfileInput, ProfilePatch } from './user-profile'
import { type RelationWrite, userState } from './user-state'

export async function requireProfile(env: Env, id: string, field = 'id'): Promise<UserView> {
  const profile = await userState(env, id).getProfile()
  if (profile === null) throw userNotFound(id, field)
  return profile
}

function profileOf(write: ProfileWrite, p: { id: string; handle?: string | undefined }): UserView {
  if (write.status === 'ok') return write.profile
  if (write.status === 'missing') throw userNotFound(p.id)
  if (write.status === 'exists') throw new DomainError('conflict', 'user_exists', `user ${p.id} exists`, 'id')
  throw new DomainError('conflict', 'handle_taken', `handle ${p.handle} is taken`, 'handle')
}

export async function createUser(env: Env, p: ProfileInput): Promise<UserView> {
  return profileOf(await userState(env, p.id).createProfile(p), p)
}

/** Serialised per user in its UserState object, so concurrent handle changes leave exactly one handle claimed. */
export async function patchUser(env: Env, id: string, patch: ProfilePatch): Promise<UserView> {
  return profileOf(await userState(env, id).updateProfile(patch), { id, handle: patch.handle })
}

function checkWrite(write: RelationWrite, userId: string): { changed: string[]; unfollowed: string[] } {
  if (write.status === 'missing') throw userNotFound(userId)
  if (write.status === 'full')
    throw new DomainError('limit_reached', 'limit_reached', 'relation list is full', 'targetId')
  return write
}

/** Follow/block/mute (active) or undo it; keeps the target's follower count in step. */
export async function setRelation(
  env: Env,
  userId: string,
  kind: RelationKind,
  targetId: string,
  active: boolean,
) {
  if (targetId === userId)
    throw new DomainError('invalid', 'invalid_request', 'cannot target yourself', 'targetId')
  const user = userState(env, userId)
  if (active) await requireProfile(env, targetId, 'targetId')
  const write = checkWrite(
    active ? await user.addRelations(kind, [targetId]) : await user.removeRelation(kind, targetId),
    userId,
  )
  const delta =
    (kind === 'following' ? write.changed.length * (active ? 1 : -1) : 0) - write.unfollowed.length
  if (delta !== 0) await userState(env, targetId).adjustFollowers(delta)
  // The target's reverse index (feeds drop authors who block or mute the viewer); idempotent, so a repeat heals it.
  if (kind !== 'following') await userState(env, targetId).setInbound(kind, userId, active)
  return { targetId, active, changed: write.changed.length > 0 }
}

const COUNTED: Partial<Record<string, keyof EngagementCounts>> = {
  favorite: 'favorite',
  reply: 'reply',
  repost: 'repost',
  quote: 'quote',
  dwell: 'view',
}

/** Post counter deltas for newly recorded engagements (dwell counts as a view). */
export function countDeltas(added: readonly EngagementEntry[]): CountDelta[] {
  const byPost = new Map<string, Partial<EngagementCounts>>()
  for (const e of added) {
    const counter = COUNTED[e.action]
    if (counter === undefined) continue
    const counts = byPost.get(e.postId) ?? {}
    counts[counter] = (counts[counter] ?? 0) + 1
    byPost.set(e.postId, counts)
  }
  return [...byPost].map(([postId, counts]) => ({ postId, counts }))
}

/** Records a user's engagements; only the new ones bump post counters, so a replayed batch counts once. */
export async function recordEngagements(env: Env, userId: string, entries: readonly EngagementEntry[]) {
  const added = await userState(env, userId).recordEngagements(entries)
  if (added === null) throw userNotFound(userId)
  const deltas = countDeltas(added)
  if (deltas.length > 0) await addCounts(env, deltas)
  return { added: added.length, duplicates: entries.length - added.length }
}
