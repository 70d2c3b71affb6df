import { DurableObject } from 'cloudflare:workers'
import type { Env } from '../env'
import { fromEveryShard, ShardSet } from '../shards/shard-set'
import { migrateOnStart, type SqlSchema } from '../storage/migrate'

/** Handles are spread over this many registry objects by a hash of the lowercased handle. */
export const HANDLE_SHARDS = 16

export type ClaimResult = 'ok' | 'taken'

const keyOf = (handle: string) => handle.toLowerCase()

/** Registry objects named `handles-16-<i>`. */
function handleShards(env: Env): ShardSet<HandleRegistry> {
  return new ShardSet(env.HANDLE_REGISTRY, 'handles', HANDLE_SHARDS)
}

export function registryOf(env: Env, handle: string): DurableObjectStub<HandleRegistry> {
  return handleShards(env).stubFor(keyOf(handle))
}

/** Claims many handles, one call per registry shard; returns the user ids whose claim failed. */
export async function claimHandles(env: Env, claims: readonly { handle: string; userId: string }[]) {
  // A registry that did not answer cannot vouch for uniqueness: fail the whole claim.
  const taken = await fromEveryShard(
    handleShards(env).fanOut(
      claims,
      (c) => keyOf(c.handle),
      async (stub, group) => {
        const results = await stub.claim(group)
        return group.filter((_, i) => results[i] === 'taken').map((c) => c.userId)
      },
    ),
  )
  return new Set(taken)
}

const HANDLE_SCHEMA: SqlSchema = [
  `CREATE TABLE IF NOT EXISTS handles (
    handle_key TEXT PRIMARY KEY,
    user_id TEXT NOT NULL
  )`,
]

/** Handle → user id, unique case-insensitively. A user's claim on its own handle is idempotent. */
export class HandleRegistry extends DurableObject<Env> {
  private readonly sql = migrateOnStart(this.ctx, HANDLE_SCHEMA)

  claim(claims: readonly { handle: string; userId: string }[]): ClaimResult[] {
    return this.ctx.storage.transactionSync(() =>
      claims.map(({ handle, userId }) => {
        this.sql.exec(
          'INSERT OR IGNORE INTO handles (handle_key, user_id) VALUES (?, ?)',
          keyOf(handle),
          userId,
        )
        return this.lookup(handle) === userId ? 'ok' : 'taken'
      }),
    )
  }

  /** Frees a handle if (and only if) it belongs to `userId`. */
  release(handle: string, userId: string): void {
    this.sql.exec('DELETE FROM handles WHERE handle_key = ? AND user_id = ?', keyOf(handle), userId)
  }

  lookup(handle: string): string | null {
    const row = this.sql
      .exec<{ user_id: string }>('SELECT user_id FROM handles WHERE handle_key = ?', keyOf(handle))
      .toArray()[0]
    return row?.user_id ?? null
  }
}
