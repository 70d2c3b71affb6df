// SQLite schema of a UserState object and the row shapes read back from it.

export function migrateUserState(sql: SqlStorage): void {
  sql.exec(`CREATE TABLE IF NOT EXISTS profile (
    id TEXT PRIMARY KEY,
    handle TEXT NOT NULL,
    display_name TEXT NOT NULL,
    protected INTEGER NOT NULL,
    subscription_tier TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    nsfw INTEGER NOT NULL,
    followers_count INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
  )`)
  // Follows, blocks and mutes: one table keyed by kind.
  sql.exec(`CREATE TABLE IF NOT EXISTS relations (
    kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (kind, target_id)
  )`)
  sql.exec('CREATE TABLE IF NOT EXISTS muted_keywords (keyword TEXT PRIMARY KEY, at INTEGER NOT NULL)')
  // The bounded engagement history (the ranker's input sequence); `key` makes replays idempotent.
  sql.exec(`CREATE TABLE IF NOT EXISTS engagements (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    post_id TEXT NOT NULL,
    action TEXT NOT NULL,
    at INTEGER NOT NULL,
    dwell_ms INTEGER
  )`)
  sql.exec('CREATE INDEX IF NOT EXISTS engagements_at ON engagements (at, seq)')
  sql.exec(`CREATE TABLE IF NOT EXISTS impressions (
    kind TEXT NOT NULL,
    post_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (kind, post_id)
  )`)
  sql.exec('CREATE INDEX IF NOT EXISTS impressions_at ON impressions (kind, at)')
}

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
