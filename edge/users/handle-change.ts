// Profile writes that move a handle, run inside the user's UserState shard one at a time per user, so a user owns
// exactly one handle: claim the new one, write the profile, release the old one.
import type { UserView } from '../../shared/types/api/users.ts'
import type { Env } from '../env'
import { claimHandles, registryOf } from './handle-registry'
import {
  insertProfile,
  type ProfileInput,
  type ProfilePatch,
  patchProfile,
  readProfile,
} from './user-profile'

export type ProfileWrite = { status: 'ok'; profile: UserView } | { status: 'missing' | 'exists' | 'taken' }

const sameKey = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/**
 * Runs tasks with the same key one after another (other keys run alongside); a failed task does not stop
 * the ones queued behind it. A key's entry goes when its last task ends, so idle users cost nothing.
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>()

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task, task)
    const tail = result.then(
      () => undefined,
      () => undefined,
    )
    this.tails.set(key, tail)
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key)
    })
    return result
  }

  /** Keys with a task queued or running (for tests). */
  get size(): number {
    return this.tails.size
  }
}

async function claim(env: Env, handle: string, userId: string): Promise<boolean> {
  return (await claimHandles(env, [{ handle, userId }])).size === 0
}

/** Creates the profile and claims its handle; nothing is claimed when the profile already exists. */
export async function createWithHandle(env: Env, sql: SqlStorage, p: ProfileInput): Promise<ProfileWrite> {
  if (readProfile(sql, p.id) !== null) return { status: 'exists' }
  if (!(await claim(env, p.handle, p.id))) return { status: 'taken' }
  insertProfile(sql, p, Date.now())
  const profile = readProfile(sql, p.id)
  return profile === null ? { status: 'missing' } : { status: 'ok', profile }
}

/** Applies a patch; a new handle is claimed first and the old one released once the profile names the new one. */
export async function patchWithHandle(
  env: Env,
  sql: SqlStorage,
  userId: string,
  patch: ProfilePatch,
): Promise<ProfileWrite> {
  const before = readProfile(sql, userId)
  if (before === null) return { status: 'missing' }
  const moves = patch.handle !== undefined && !sameKey(patch.handle, before.handle)
  if (moves && patch.handle !== undefined && !(await claim(env, patch.handle, before.id))) {
    return { status: 'taken' }
  }
  // Re-read: other writes (follower counts, an admin ingest) may have run while the claim was awaited.
  const current = readProfile(sql, userId) ?? before
  try {
    patchProfile(sql, current, patch, Date.now())
  } catch (err) {
    if (moves && patch.handle !== undefined)
      await registryOf(env, patch.handle).release(patch.handle, before.id)
    throw err
  }
  // Free the handle the profile named until this write.
  if (moves && patch.handle !== undefined && !sameKey(current.handle, patch.handle))
    await registryOf(env, current.handle).release(current.handle, current.id)
  const profile = readProfile(sql, userId)
  return profile === null ? { status: 'missing' } : { status: 'ok', profile }
}
