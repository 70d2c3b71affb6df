// SQLite schema of a UserState object and the row shapes read back from it.
import type { SqlSchema } from '../storage/migrate'
import { FOLLOW_REQUESTS_SCHEMA } from './follow-requests'

export const USER_STATE_SCHEMA: SqlSchema = [
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
    kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (kind, target_id)
  )`,
  'CREATE TABLE IF NOT EXISTS muted_keywords (keyword TEXT PRIMARY KEY, at INTEGER NOT NULL)',
  // The bounded engagement history (the ranker's input sequence); `key` makes replays idempotent.
  `CREATE TABLE IF NOT EXISTS engagements (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    post_id TEXT NOT NULL,
    action TEXT NOT NULL,
    at INTEGER NOT NULL,
    dwell_ms INTEGER
  )`,
  'CREATE INDEX IF NOT EXISTS engagements_at ON engagements (at, seq)',
  `CREATE TABLE IF NOT EXISTS impressions (
    kind TEXT NOT NULL,
    post_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (kind, post_id)
  )`,
  'CREATE INDEX IF NOT EXISTS impressions_at ON impressions (kind, at)',
  // The reverse index: who blocks or mutes this user (written on the target by setRelation), so a feed can
  // drop authors who block the viewer without asking every candidate author's object.
  `CREATE TABLE IF NOT EXISTS inbound_relations (
    kind TEXT NOT NULL,
    source_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (kind, source_id)
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
