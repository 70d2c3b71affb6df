// The viewer's side of post visibility, read from the viewer's UserState shard in one call: its tier, and which
// of the given authors it follows, blocks or mutes, and which block it (the reverse index).
import type { SubscriptionTier } from '../../shared/types/account.ts'

export interface ViewerRelationFacts {
  subscriptionTier: SubscriptionTier
  following: string[]
  blocks: string[]
  mutes: string[]
  blockedBy: string[]
}

const kindsOf = (
  sql: SqlStorage,
  userId: string,
  table: 'relations' | 'inbound_relations',
  kind: string,
): Set<string> => {
  const column = table === 'relations' ? 'target_id' : 'source_id'
  return new Set(
    sql
      .exec<Record<string, string>>(
        `SELECT ${column} AS id FROM ${table} WHERE user_id = ? AND kind = ?`,
        userId,
        kind,
      )
      .toArray()
      .map((r) => String(r.id)),
  )
}

/** Each list holds only ids from `authorIds` (the lists themselves are bounded at 5,000 per kind). */
export function readRelationFacts(
  sql: SqlStorage,
  userId: string,
  subscriptionTier: SubscriptionTier,
  authorIds: readonly string[],
): ViewerRelationFacts {
  const among = (set: Set<string>) => [...new Set(authorIds)].filter((id) => set.has(id))
  return {
    subscriptionTier,
    following: among(kindsOf(sql, userId, 'relations', 'following')),
    blocks: among(kindsOf(sql, userId, 'relations', 'blocks')),
    mutes: among(kindsOf(sql, userId, 'relations', 'mutes')),
    blockedBy: among(kindsOf(sql, userId, 'inbound_relations', 'blocks')),
  }
}
