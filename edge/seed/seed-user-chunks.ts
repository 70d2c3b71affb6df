// The seeder's user path in chunks of users: each chunk's accounts, follows and engagements go in one
// POST /v1/admin/ingest/users, which calls each user-state shard it touches once. Every commit of a local
// Durable Object syncs the disk on the runtime's one thread, so one call per shard per chunk is one commit
// per shard per chunk (edge/README.md, "Seeding").
import { LIMITS } from '../../shared/types/api/limits.ts'
import type { Follow } from '../../shared/types/follow.ts'

export interface UserChunk {
  /** Distinct users this chunk writes. */
  users: number
  accounts: unknown[]
  /** Batches of at most the route's limits. */
  follows: Follow[][]
  engagements: unknown[][]
}

/** The limits of POST /v1/admin/ingest/users, which takes a chunk's accounts, follows and engagements at once. */
export const USER_BATCH_LIMITS = {
  accounts: LIMITS.adminAccountsBatch,
  follows: LIMITS.adminFollowsBatch,
  engagements: LIMITS.adminUsersEngagementsBatch,
} as const

/**
 * Users per chunk: ~3,300 follows and ~3,000 engagements, one call of ~0.3 s on the local runtime, short
 * enough that the post path's requests interleave. 250 per chunk took the user path 13.2 s instead of 13.8 s
 * (`tsx edge/dev/seed-bench.ts --only users --users-per-chunk 250`), not worth the longer holds.
 */
export const USERS_PER_CHUNK = 100

const idOf = (item: unknown, field: 'id' | 'userId'): string | undefined => {
  const v = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[field] : undefined
  return typeof v === 'string' ? v : undefined
}

function split<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * Groups accounts into chunks of `usersPerChunk` (≤ 500) and attaches each follower's follows and each
 * user's engagements to the chunk holding that user's account. Follows and engagements of users with no
 * account in the seed go in a last chunk (the API skips them, as it would in any order).
 */
export function userChunks(
  accounts: readonly unknown[],
  follows: readonly Follow[],
  engagements: readonly unknown[],
  usersPerChunk = USERS_PER_CHUNK,
): UserChunk[] {
  const size = Math.min(Math.max(1, usersPerChunk), USER_BATCH_LIMITS.accounts)
  const chunkOf = new Map<string, number>()
  const groups = split(accounts, size)
  groups.forEach((group, i) => {
    for (const a of group) {
      const id = idOf(a, 'id')
      if (id !== undefined) chunkOf.set(id, i)
    }
  })
  const orphan = groups.length
  const followsBy: Follow[][] = Array.from({ length: orphan + 1 }, () => [])
  for (const f of follows) followsBy[chunkOf.get(f[0]) ?? orphan]?.push(f)
  const engagementsBy: unknown[][] = Array.from({ length: orphan + 1 }, () => [])
  for (const e of engagements) engagementsBy[chunkOf.get(idOf(e, 'userId') ?? '') ?? orphan]?.push(e)
  const chunks = [...groups, []].map((group, i) => ({
    users: group.length,
    accounts: group,
    follows: split(followsBy[i] ?? [], USER_BATCH_LIMITS.follows),
    engagements: split(engagementsBy[i] ?? [], USER_BATCH_LIMITS.engagements),
  }))
  return chunks.filter((c) => c.accounts.length + c.follows.length + c.engagements.length > 0)
}

/** One POST /v1/admin/ingest/users body. */
export interface UserBundleBody {
  accounts: unknown[]
  follows: Follow[]
  engagements: unknown[]
}

/**
 * A chunk as ingest calls: the accounts with the first batch of follows and of engagements, then any
 * further batches (a chunk of 100 seeded users fits one call, so each user object is written once).
 */
export function chunkBundles(chunk: UserChunk): UserBundleBody[] {
  const n = Math.max(1, chunk.follows.length, chunk.engagements.length)
  return Array.from({ length: n }, (_, i) => ({
    accounts: i === 0 ? chunk.accounts : [],
    follows: chunk.follows[i] ?? [],
    engagements: chunk.engagements[i] ?? [],
  }))
}
