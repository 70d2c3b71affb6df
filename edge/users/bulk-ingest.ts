// Admin bulk ingest of accounts, follows and engagements (the seeder's path): lenient about references,
// idempotent on replay, one call per object touched.
import type { IngestEngagement } from '../../shared/types/api/admin.ts'
import type { IngestAccount } from '../../shared/types/api/users.ts'
import type { Follow } from '../../shared/types/follow.ts'
import type { Env } from '../env'
import { mapLimit } from '../ids/map-limit'
import { claimHandles, registryOf } from './handle-registry'
import { userState } from './user-state'
import { writeEngagements } from './write-engagements'

/** Durable Objects one bulk request talks to at once. */
export const BULK_CONCURRENCY = 16

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

export async function ingestAccounts(env: Env, accounts: readonly IngestAccount[]) {
  const conflicts = await claimHandles(
    env,
    accounts.map((a) => ({ handle: a.handle, userId: a.id })),
  )
  const counts = { created: 0, updated: 0, unchanged: 0 }
  await mapLimit(
    accounts.filter((a) => !conflicts.has(a.id)),
    BULK_CONCURRENCY,
    async (a) => {
      const result = await userState(env, a.id).upsertProfile(a)
      counts[result.status]++
      const old = result.previousHandle
      if (old !== undefined && old.toLowerCase() !== a.handle.toLowerCase()) {
        await registryOf(env, old).release(old, a.id)
      }
    },
  )
  return { ...counts, handleConflicts: [...conflicts] }
}

/**
 * [follower, followee] pairs; self-follows and unknown followers are skipped. Only followers' objects are
 * touched: waking every followee per batch doubled the objects a bulk load wakes (local workerd runs out
 * of file descriptors around 6,000 live objects), so bulk loads set follower counts on the accounts.
 */
export async function ingestFollows(env: Env, follows: readonly Follow[]) {
  const valid = follows.filter(([a, b]) => a !== b)
  let added = 0
  await mapLimit(
    [...groupBy(valid, ([follower]) => follower)],
    BULK_CONCURRENCY,
    async ([follower, pairs]) => {
      const write = await userState(env, follower).addRelations(
        'following',
        pairs.map(([, followee]) => followee),
      )
      if (write.status !== 'ok') return
      added += write.changed.length
    },
  )
  return { added, skipped: follows.length - added }
}

/**
 * The user route's write path (write-engagements.ts) in its lenient mode: engagements on posts not stored
 * yet are kept as history, users without a profile are skipped. Favorites and dwells on stored posts move
 * their counters exactly as through the user route.
 */
export async function ingestEngagements(env: Env, engagements: readonly IngestEngagement[]) {
  const writes = engagements.map((e, i) => ({ ...e, field: `engagements.${i}` }))
  const { added } = await writeEngagements(env, writes, { strictRefs: false })
  return { added, skipped: engagements.length - added }
}
