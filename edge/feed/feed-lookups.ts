// Per-request memoized batch lookups. Several hydrators need the same posts and author profiles (core data,
// counts, the reposted source, labels); each id is read from its store once per request.
import type { UserView } from '../../shared/types/api/users.ts'
import type { Env } from '../env'
import { groxLabels } from '../grox/tasks/sinks/safety-labels'
import { lookupPosts } from '../posts/post-client'
import type { PostRecord } from '../posts/post-record'
import { lookupProfiles } from '../users/user-state'

export class BatchMemo<V> {
  private readonly pending = new Map<string, Promise<V | undefined>>()

  constructor(private readonly load: (ids: string[]) => Promise<Map<string, V>>) {}

  /** Values of the ids that exist; ids not asked before are loaded in one batch. */
  async getMany(ids: readonly string[]): Promise<Map<string, V>> {
    const missing = [...new Set(ids)].filter((id) => !this.pending.has(id))
    if (missing.length > 0) {
      const batch = this.load(missing)
      for (const id of missing)
        this.pending.set(
          id,
          batch.then((m) => m.get(id)),
        )
    }
    const unique = [...new Set(ids)]
    const values = await Promise.all(unique.map((id) => this.pending.get(id)))
    const out = new Map<string, V>()
    unique.forEach((id, i) => {
      const v = values[i]
      if (v !== undefined) out.set(id, v)
    })
    return out
  }
}

export interface FeedLookups {
  /** Live posts (deleted ones are absent). */
  posts: BatchMemo<PostRecord>
  /** Account profiles (unknown accounts are absent). */
  profiles: BatchMemo<UserView>
  /** Grox's safety labels in post core data (posts without labels are absent). */
  groxLabels: BatchMemo<string[]>
}

export function feedLookups(env: Env): FeedLookups {
  return {
    posts: new BatchMemo((ids) => lookupPosts(env, ids)),
    profiles: new BatchMemo<UserView>((ids) => lookupProfiles(env, ids)),
    groxLabels: new BatchMemo((ids) => groxLabels(env, ids)),
  }
}
