import { DurableObject } from 'cloudflare:workers'
import type { Env } from '../env'
import { groupByShard, shardOf } from '../ids/shard-of'

/** Handles are spread over this many registry objects by a hash of the lowercased handle. */
export const HANDLE_SHARDS = 16

export type ClaimResult = 'ok' | 'taken'

const keyOf = (handle: string) => handle.toLowerCase()

function registry(env: Env, shard: number): DurableObjectStub<HandleRegistry> {
  return env.HANDLE_REGISTRY.getByName(`handles-${HANDLE_SHARDS}-${shard}`)
}

export function registryOf(env: Env, handle: string): DurableObjectStub<HandleRegistry> {
  return registry(env, shardOf(keyOf(handle), HANDLE_SHARDS))
}

/** Claims many handles, one call per registry shard; returns the user ids whose claim failed. */
export async function claimHandles(env: Env, claims: readonly { handle: string; userId: string }[]) {
  const groups = groupByShard(claims, (c) => keyOf(c.handle), HANDLE_SHARDS)
  const taken = await Promise.all(
    [...groups].map(async ([shard, group]) => {
      const results = await registry(env, shard).claim(group)
      return group.filter((_, i) => results[i] === 'taken').map((c) => c.userId)
    }),
  )
  return new Set(taken.flat())
}

/** Handle → user id, unique case-insensitively. A user's claim on its own handle is idempotent. */
export class HandleRegistry extends DurableObject<Env> {
  private readonly sql: SqlStorage

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.sql = ctx.storage.sql
    void ctx.blockConcurrencyWhile(async () => {
      this.sql.exec(`CREATE TABLE IF NOT EXISTS handles (
        handle_key TEXT PRIMARY KEY,
        user_id TEXT NOT NULL
      )`)
    })
  }

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
