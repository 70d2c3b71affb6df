// Profile reads and writes inside a UserState shard.

import { type Account, SUBSCRIPTION_TIERS, type SubscriptionTier } from '../../shared/types/account.ts'
import type { PatchUserBody, UserView } from '../../shared/types/api/users.ts'
import type { ProfileRow } from './user-schema'

/** A profile is the account itself. */
export type ProfileInput = Account

/** Any subset of the profile; id and creation time are immutable. */
export type ProfilePatch = PatchUserBody

function tierOf(s: string): SubscriptionTier {
  const tier = SUBSCRIPTION_TIERS.find((t) => t === s)
  if (tier === undefined) throw new Error(`corrupt profile row: tier ${s}`)
  return tier
}

export function readProfile(sql: SqlStorage, userId: string): UserView | null {
  const row = sql.exec<ProfileRow>('SELECT * FROM profile WHERE id = ?', userId).toArray()[0]
  if (row === undefined) return null
  const following = sql
    .exec<{ n: number }>(
      "SELECT COUNT(*) AS n FROM relations WHERE user_id = ? AND kind = 'following'",
      userId,
    )
    .one().n
  return {
    id: row.id,
    handle: row.handle,
    displayName: row.display_name,
    protected: row.protected === 1,
    subscriptionTier: tierOf(row.subscription_tier),
    createdAt: row.created_at,
    nsfw: row.nsfw === 1,
    followersCount: row.followers_count,
    followingCount: following,
  }
}

export function insertProfile(sql: SqlStorage, p: ProfileInput, now: number): void {
  sql.exec(
    `INSERT INTO profile (id, handle, display_name, protected, subscription_tier, created_at, nsfw, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    p.id,
    p.handle,
    p.displayName,
    p.protected ? 1 : 0,
    p.subscriptionTier,
    p.createdAt,
    p.nsfw ? 1 : 0,
    now,
  )
}

/** Applies the fields present in `patch`; returns whether anything changed. */
export function patchProfile(sql: SqlStorage, current: UserView, patch: ProfilePatch, now: number): boolean {
  const next = {
    handle: patch.handle ?? current.handle,
    displayName: patch.displayName ?? current.displayName,
    protected: patch.protected ?? current.protected,
    subscriptionTier: patch.subscriptionTier ?? current.subscriptionTier,
    nsfw: patch.nsfw ?? current.nsfw,
  }
  const changed =
    next.handle !== current.handle ||
    next.displayName !== current.displayName ||
    next.protected !== current.protected ||
    next.subscriptionTier !== current.subscriptionTier ||
    next.nsfw !== current.nsfw
  if (!changed) return false
  sql.exec(
    `UPDATE profile SET handle = ?, display_name = ?, protected = ?, subscription_tier = ?, nsfw = ?,
     updated_at = ? WHERE id = ?`,
    next.handle,
    next.displayName,
    next.protected ? 1 : 0,
    next.subscriptionTier,
    next.nsfw ? 1 : 0,
    now,
    current.id,
  )
  return true
}
