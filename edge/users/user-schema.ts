// SQLite schema of a UserState shard (many users' state, every row keyed by its user) and the row shapes
// read back from it.
import type { SqlSchema } from '../storage/migrate'
import { FOLLOW_REQUESTS_SCHEMA } from './follow-requests'

export const USER_STATE_SCHEMA: SqlSchema = [
  // `id` is the user's id: a user exists in its shard exactly when this row does.
  `CREATE TABLE IF NOT EXISTS profile (
    id TEXT PRIMARY KEY,
    handle TEXT NOT NULL,
    display_name TEXT NOT NULL,
    protected INTEGER NOT NULL,
    subscription_tier TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    nsfw INTEGER NOT NULL,
    followers_count INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
  )`,
  // Follows, blocks and mutes: one table keyed by kind.
  `CREATE TABLE IF NOT EXISTS relations (
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (user_id, kind, target_id)
  )`,
  'CREATE INDEX IF NOT EXISTS relations_at ON relations (user_id, kind, at)',
  // The mutual-follow check asks which of a shard's users follow one account.
  'CREATE INDEX IF NOT EXISTS relations_target ON relations (target_id, kind)',
  `CREATE TABLE IF NOT EXISTS muted_keywords (
    user_id TEXT NOT NULL,
    keyword TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (user_id, keyword)
  )`,
  // The bounded engagement history (the ranker's input sequence); `key` makes replays idempotent.
  `CREATE TABLE IF NOT EXISTS engagements (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL,
    key TEXT NOT NULL,
    post_id TEXT NOT NULL,
    action TEXT NOT NULL,
    at INTEGER NOT NULL,
    dwell_ms INTEGER,
    UNIQUE (user_id, key)
  )`,
  'CREATE INDEX IF NOT EXISTS engagements_at ON engagements (user_id, at, seq)',
  'CREATE INDEX IF NOT EXISTS engagements_post ON engagements (user_id, action, post_id)',
  `CREATE TABLE IF NOT EXISTS impressions (
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    post_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (user_id, kind, post_id)
  )`,
  'CREATE INDEX IF NOT EXISTS impressions_at ON impressions (user_id, kind, at)',
  // The reverse index: who blocks or mutes this user (written on the target by setRelation), so a feed can
  // drop authors who block the viewer without asking every candidate author's state.
  `CREATE TABLE IF NOT EXISTS inbound_relations (
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    source_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (user_id, kind, source_id)
  )`,
  ...FOLLOW_REQUESTS_SCHEMA,
]

export type ProfileRow = {
  id: string
  handle: string
  display_name: string
  protected: number
  subscription_tier: string
  created_at: number
  nsfw: number
  followers_count: number
  updated_at: number
}

export type EngagementRow = { post_id: string; action: string; at: number; dwell_ms: number | null }
