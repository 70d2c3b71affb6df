// User operations that span objects: handle claims, follower counts; engagements via write-engagements.ts.
import type { UserView } from '../../shared/types/api/users.ts'
import { DomainError, userNotFound } from '../domain-error'
import type { Env } from '../env'
import type { ProfileWrite } from './handle-change'
import { approveAllFollowRequests } from './relation-service'
import type { EngagementEntry } from './user-activity'
import type { ProfileInput, ProfilePatch } from './user-profile'
import { userState } from './user-state'
import { writeEngagements } from './write-engagements'

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
  const profile = profileOf(await userState(env, id).updateProfile(patch), { id, handle: patch.handle })
  // An account that stops being protected lets its pending follow requests in.
  if (patch.protected === false) await approveAllFollowRequests(env, id)
  return patch.protected === false ? requireProfile(env, id) : profile
}

/**
 * Records a user's engagements through the one write path (write-engagements.ts: checks, idempotency,
 * state actions, counters, relations); kept for callers holding ready entries (the world clock).
 */
export function recordEngagements(env: Env, userId: string, entries: readonly EngagementEntry[]) {
  const writes = entries.map((e, i) => ({ ...e, userId, field: `engagements.${i}` }))
  return writeEngagements(env, writes, { strictRefs: true })
}
