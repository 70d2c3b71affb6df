// The SQLite half of a Thunder shard: everything the shard holds is here, so an evicted or restarted
// object rebuilds its in-memory index from these rows and loses nothing.
import { definedFields } from '../../shared/util/defined.ts'
import type { SqlSchema } from '../storage/migrate'
import type { PostKind, StoredPost } from './stored-post'

export const THUNDER_SCHEMA: SqlSchema = [
  `CREATE TABLE IF NOT EXISTS posts (
    post_id TEXT PRIMARY KEY,
    author_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    reply_to_post_id TEXT,
    reply_to_user_id TEXT,
    conversation_id TEXT,
    repost_of_id TEXT,
    repost_of_user_id TEXT,
    video_eligible INTEGER NOT NULL,
    on_video_list INTEGER NOT NULL,
    parent_created_at INTEGER,
    parent_is_original INTEGER,
    parent_reply_to_post_id TEXT
  )`,
  'CREATE INDEX IF NOT EXISTS posts_created_at ON posts (created_at)',
  `CREATE TABLE IF NOT EXISTS tombstones (
    post_id TEXT PRIMARY KEY,
    deleted_at INTEGER NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS tombstones_deleted_at ON tombstones (deleted_at)',
]

type PostRow = {
  post_id: string
  author_id: string
  created_at: number
  kind: string
  reply_to_post_id: string | null
  reply_to_user_id: string | null
  conversation_id: string | null
  repost_of_id: string | null
  repost_of_user_id: string | null
  video_eligible: number
  /** Written equal to video_eligible and never read: a post pushed off its video list leaves the shard. */
  on_video_list: number
  parent_created_at: number | null
  parent_is_original: number | null
  parent_reply_to_post_id: string | null
}

function kindOf(s: string): PostKind {
  if (s === 'original' || s === 'reply' || s === 'repost') return s
  throw new Error(`corrupt thunder row: kind ${s}`)
}

function fromRow(r: PostRow): StoredPost {
  return definedFields({
    postId: r.post_id,
    authorId: r.author_id,
    createdAt: r.created_at,
    kind: kindOf(r.kind),
    replyToPostId: r.reply_to_post_id ?? undefined,
    replyToUserId: r.reply_to_user_id ?? undefined,
    conversationId: r.conversation_id ?? undefined,
    repostOfId: r.repost_of_id ?? undefined,
    repostOfUserId: r.repost_of_user_id ?? undefined,
    videoEligible: r.video_eligible === 1,
    parentCreatedAt: r.parent_created_at ?? undefined,
    parentIsOriginal: r.parent_is_original === null ? undefined : r.parent_is_original === 1,
    parentReplyToPostId: r.parent_reply_to_post_id ?? undefined,
  })
}

/** Every stored post, oldest first. */
export function loadPosts(sql: SqlStorage): StoredPost[] {
  return sql.exec<PostRow>('SELECT * FROM posts ORDER BY created_at').toArray().map(fromRow)
}

export function loadTombstones(sql: SqlStorage): { postId: string; deletedAt: number }[] {
  return sql
    .exec<{ post_id: string; deleted_at: number }>('SELECT post_id, deleted_at FROM tombstones')
    .toArray()
    .map((r) => ({ postId: r.post_id, deletedAt: r.deleted_at }))
}

export function insertPost(sql: SqlStorage, p: StoredPost): void {
  sql.exec(
    `INSERT OR IGNORE INTO posts (post_id, author_id, created_at, kind, reply_to_post_id, reply_to_user_id,
      conversation_id, repost_of_id, repost_of_user_id, video_eligible, on_video_list, parent_created_at,
      parent_is_original, parent_reply_to_post_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    p.postId,
    p.authorId,
    p.createdAt,
    p.kind,
    p.replyToPostId ?? null,
    p.replyToUserId ?? null,
    p.conversationId ?? null,
    p.repostOfId ?? null,
    p.repostOfUserId ?? null,
    p.videoEligible ? 1 : 0,
    p.videoEligible ? 1 : 0,
    p.parentCreatedAt ?? null,
    p.parentIsOriginal === undefined ? null : p.parentIsOriginal ? 1 : 0,
    p.parentReplyToPostId ?? null,
  )
}

export function deletePost(sql: SqlStorage, postId: string): void {
  sql.exec('DELETE FROM posts WHERE post_id = ?', postId)
}

export function insertTombstone(sql: SqlStorage, postId: string, deletedAt: number): void {
  sql.exec('INSERT OR IGNORE INTO tombstones (post_id, deleted_at) VALUES (?, ?)', postId, deletedAt)
}

/** Retention trimming on disk, mirroring ThunderIndex.trim. */
export function trimStore(sql: SqlStorage, postCutoff: number, tombstoneCutoff: number): void {
  sql.exec('DELETE FROM posts WHERE created_at < ?', postCutoff)
  sql.exec('DELETE FROM tombstones WHERE deleted_at < ?', tombstoneCutoff)
}

export function countRows(sql: SqlStorage): { posts: number; tombstones: number } {
  const posts = sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM posts').one().n
  const tombstones = sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM tombstones').one().n
  return { posts, tombstones }
}
