// Follow, block and mute across the two users' objects, and follow requests to protected accounts
// (edge/README.md, "Visibility, protected accounts, blocks and mutes").
import type { RelationKind } from '../../shared/types/api/users.ts'
import { DomainError, userNotFound } from '../domain-error'
import type { Env } from '../env'
import { requireProfile } from './user-service'
import { type FollowRefusal, type RelationWrite, userState } from './user-state'

const REFUSALS: Record<FollowRefusal, DomainError> = {
  blocked_by_target: new DomainError('forbidden', 'blocked_by_target', 'this account blocks you', 'targetId'),
  target_blocked: new DomainError(
    'conflict',
    'target_blocked',
    'you block this account; unblock it first',
    'targetId',
  ),
}

function checkWrite(write: RelationWrite, userId: string): { changed: string[]; unfollowed: string[] } {
  if (write.status === 'missing') throw userNotFound(userId)
  if (write.status === 'full')
    throw new DomainError('limit_reached', 'limit_reached', 'relation list is full', 'targetId')
  if (write.status === 'refused') throw REFUSALS[write.reason]
  return write
}

export interface RelationChange {
  targetId: string
  active: boolean
  changed: boolean
  /** Following only: a request to a protected account that awaits the owner's answer. */
  pending?: boolean
}

/** Follow a public account, or ask to follow a protected one (the owner answers the request). */
async function follow(env: Env, userId: string, targetId: string): Promise<RelationChange> {
  const target = await requireProfile(env, targetId, 'targetId')
  const user = userState(env, userId)
  if (target.protected && !(await user.follows(targetId))) {
    const refusal = await user.followRefusal(targetId)
    if (refusal !== undefined) throw REFUSALS[refusal]
    const write = checkWrite(await userState(env, targetId).requestFollow(userId), targetId)
    return { targetId, active: true, changed: write.changed.length > 0, pending: true }
  }
  const write = checkWrite(await user.addRelations('following', [targetId]), userId)
  if (write.changed.length > 0) await userState(env, targetId).adjustFollowers(1)
  return { targetId, active: true, changed: write.changed.length > 0, pending: false }
}

/** Unfollowing also withdraws a pending request. */
async function unfollow(env: Env, userId: string, targetId: string): Promise<RelationChange> {
  const write = checkWrite(await userState(env, userId).removeRelation('following', targetId), userId)
  if (write.changed.length > 0) await userState(env, targetId).adjustFollowers(-1)
  const withdrawn = await userState(env, targetId).removeFollowRequest(userId)
  return { targetId, active: false, changed: write.changed.length > 0 || withdrawn, pending: false }
}

/**
 * Block or mute (active) or undo it. A block removes follows and follow requests both ways; each side's
 * object applies its half, and every step is idempotent, so repeating the call heals a half-applied block.
 */
async function blockOrMute(
  env: Env,
  userId: string,
  kind: 'blocks' | 'mutes',
  targetId: string,
  active: boolean,
) {
  const user = userState(env, userId)
  if (active) await requireProfile(env, targetId, 'targetId')
  const write = checkWrite(
    active ? await user.addRelations(kind, [targetId]) : await user.removeRelation(kind, targetId),
    userId,
  )
  const target = userState(env, targetId)
  if (write.unfollowed.length > 0) await target.adjustFollowers(-write.unfollowed.length)
  if (kind === 'mutes') await target.setInbound('mutes', userId, active)
  else {
    const received = await target.receiveBlock(userId, active)
    if (received?.unfollowed) await user.adjustFollowers(-1)
  }
  return { targetId, active, changed: write.changed.length > 0 }
}

export async function setRelation(
  env: Env,
  userId: string,
  kind: RelationKind,
  targetId: string,
  active: boolean,
): Promise<RelationChange> {
  if (targetId === userId)
    throw new DomainError('invalid', 'invalid_request', 'cannot target yourself', 'targetId')
  if (kind !== 'following') return blockOrMute(env, userId, kind, targetId, active)
  return active ? follow(env, userId, targetId) : unfollow(env, userId, targetId)
}

const requestNotFound = () =>
  new DomainError('not_found', 'follow_request_not_found', 'no pending request from this user', 'requesterId')

/** The owner approves (the requester then follows) or declines a pending follow request. */
export async function answerFollowRequest(
  env: Env,
  ownerId: string,
  requesterId: string,
  approve: boolean,
): Promise<{ requesterId: string; status: 'approved' | 'declined' }> {
  const owner = userState(env, ownerId)
  if ((await owner.getProfile()) === null) throw userNotFound(ownerId)
  if (!(await owner.hasFollowRequest(requesterId))) throw requestNotFound()
  if (approve) {
    const write = await userState(env, requesterId).addRelations('following', [ownerId])
    // A block landed meanwhile: it removed the request, so there is nothing left to approve.
    if (write.status === 'refused') {
      await owner.removeFollowRequest(requesterId)
      throw requestNotFound()
    }
    if (write.status === 'ok' && write.changed.length > 0) await owner.adjustFollowers(1)
  }
  await owner.removeFollowRequest(requesterId)
  return { requesterId, status: approve ? 'approved' : 'declined' }
}

/** When an account stops being protected, its pending requests become follows (as on X). */
export async function approveAllFollowRequests(env: Env, ownerId: string): Promise<number> {
  let approved = 0
  for (;;) {
    const page = (await userState(env, ownerId).followRequestPage(100)) ?? []
    for (const { requesterId } of page) {
      try {
        await answerFollowRequest(env, ownerId, requesterId, true)
        approved++
      } catch (err) {
        if (!(err instanceof DomainError)) throw err
        await userState(env, ownerId).removeFollowRequest(requesterId)
      }
    }
    if (page.length < 100) return approved
  }
}
