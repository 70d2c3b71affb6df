// Admin bulk ingest of accounts, follows and engagements (the seeder's path): lenient about references,
// idempotent on replay, one call per user-state shard touched.
import type { IngestEngagement } from '../../shared/types/api/admin.ts'
import type { IngestAccount } from '../../shared/types/api/users.ts'
import type { Follow } from '../../shared/types/follow.ts'
import type { Env } from '../env'
import { fromEveryShard } from '../shards/shard-set'
import { claimHandles, registryOf } from './handle-registry'
import { type UserBundle, userShards } from './user-state'
import {
  applyEngagementEffects,
  checkEngagementWrites,
  entriesByUser,
  type FreshEngagement,
} from './write-engagements'

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}

/** A handle the account had before an update, released when the update moved it to another. */
async function releaseOldHandle(env: Env, account: IngestAccount, previousHandle: string | undefined) {
  if (previousHandle !== undefined && previousHandle.toLowerCase() !== account.handle.toLowerCase())
    await registryOf(env, previousHandle).release(previousHandle, account.id)
}

/** Create or update accounts (handles claimed; a handle owned by another id is reported, not written). */
export async function ingestAccounts(env: Env, accounts: readonly IngestAccount[]) {
  return (await ingestUsers(env, { accounts, follows: [], engagements: [] })).accounts
}

/**
 * [follower, followee] pairs; self-follows and unknown followers are skipped. Only followers' objects are
 * touched: waking every followee per batch doubled the objects a bulk load wakes (local workerd runs out
 * of file descriptors around 6,000 live objects), so bulk loads set follower counts on the accounts.
 */
export async function ingestFollows(env: Env, follows: readonly Follow[]) {
  return (await ingestUsers(env, { accounts: [], follows, engagements: [] })).follows
}

/**
 * The user route's write path (write-engagements.ts) in its lenient mode: engagements on posts not stored
 * yet are kept as history, users without a profile are skipped. Favorites and dwells on stored posts move
 * their counters exactly as through the user route.
 */
export async function ingestEngagements(env: Env, engagements: readonly IngestEngagement[]) {
  return (await ingestUsers(env, { accounts: [], follows: [], engagements })).engagements
}

/**
 * Accounts, follows and engagements of a group of users in one call (the single-stage routes are this call
 * with two arrays empty), each user-state shard called once with all its users: on the local runtime every
 * commit of a Durable Object syncs the disk (edge/README.md, "Seeding"). Engagements are checked before
 * anything is written; a refused one fails the call.
 */
export async function ingestUsers(
  env: Env,
  body: {
    accounts: readonly IngestAccount[]
    follows: readonly Follow[]
    engagements: readonly IngestEngagement[]
  },
) {
  const now = Date.now()
  const writes = body.engagements.map((e, i) => ({ ...e, field: `engagements.${i}` }))
  const posts = await checkEngagementWrites(env, writes, { strictRefs: false }, now)
  const conflicts = await claimHandles(
    env,
    body.accounts.map((a) => ({ handle: a.handle, userId: a.id })),
  )
  const accountOf = new Map(body.accounts.filter((a) => !conflicts.has(a.id)).map((a) => [a.id, a]))
  const followeesOf = groupBy(
    body.follows.filter(([a, b]) => a !== b),
    ([follower]) => follower,
  )
  const entriesOf = entriesByUser(writes)
  const users = new Set([...accountOf.keys(), ...followeesOf.keys(), ...entriesOf.keys()])
  const accounts = { created: 0, updated: 0, unchanged: 0 }
  let followsAdded = 0
  const fresh: FreshEngagement[] = []
  const bundleOf = (userId: string): UserBundle => ({
    account: accountOf.get(userId),
    followees: (followeesOf.get(userId) ?? []).map(([, followee]) => followee),
    entries: entriesOf.get(userId) ?? [],
  })
  // A failed shard fails the call (the seeder sends it again; every write here is idempotent).
  const written = await fromEveryShard(
    userShards(env).fanOut([...users], String, async (stub, group) => {
      const results = await stub.ingestBundles(group.map((userId) => ({ userId, bundle: bundleOf(userId) })))
      return group.map((userId, i) => ({ userId, result: results[i]! }))
    }),
  )
  for (const { userId, result } of written) {
    const account = accountOf.get(userId)
    if (account !== undefined && result.profile !== undefined) {
      accounts[result.profile.status]++
      await releaseOldHandle(env, account, result.profile.previousHandle)
    }
    followsAdded += result.followsAdded
    for (const entry of result.engagements) fresh.push({ userId, entry })
  }
  await applyEngagementEffects(env, fresh, posts, false, now)
  return {
    accounts: { ...accounts, handleConflicts: [...conflicts] },
    follows: { added: followsAdded, skipped: body.follows.length - followsAdded },
    engagements: { added: fresh.length, skipped: body.engagements.length - fresh.length },
  }
}
