// The seeder's user path in chunks of users: each chunk's accounts, then the follows and engagements of
// those same users, back to back. A local user object goes idle after ~10 s, and waking it again costs
// 15-30× a call on a warm one (measured: 200 cold objects 5.3 s, warm 0.37 s), so a user's three writes
// are sent while it is still awake instead of in three world-wide stages minutes apart.
import type { Follow } from '../../shared/types/follow.ts'

export interface UserChunk {
  /** Distinct user objects this chunk wakes. */
  users: number
  accounts: unknown[]
  /** Batches of at most the route's limits. */
  follows: Follow[][]
  engagements: unknown[][]
}

export const USER_BATCH_LIMITS = { accounts: 500, follows: 5000, engagements: 2000 } as const

/**
 * Users per chunk. Every new user object costs the local runtime ~15 SQLite syncs on its one thread
 * (4.8 ms each on the busy 2-core machine's disk), so 250 new accounts held it for ~15 s on a busy machine: the
 * first users of a chunk went idle and were closed before their follows came (woken again), and the wrangler
 * proxy's idle connection to the runtime was reset, failing the next request with a 503 after 5-12 s, once
 * per chunk. With 100 the whole users path took 413 s instead of 596 s there (edge/README.md, "Seeding").
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
